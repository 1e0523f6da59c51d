package org.pitfallatlas.analysis.report;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * KernelDisplay sends an {@link Output} to the Jupyter Java kernel this code runs in, found by
 * reflection so that the analysis module depends on no kernel: rapaio-jupyter-kernel (the one the
 * atlas installs; {@code Global.display(mime, value)}) or IJava ({@code
 * IJava.getKernelInstance().display(DisplayData)}). Outside a kernel it prints the text, so the
 * same calls work in a plain {@code main} or a test.
 */
final class KernelDisplay {

  private static final String RAPAIO = "org.rapaio.jupyter.kernel.global.Global";
  private static final String IJAVA = "io.github.spencerpark.ijava.IJava";
  private static final String IJAVA_DATA =
      "io.github.spencerpark.jupyter.kernel.display.DisplayData";

  private KernelDisplay() {}

  static void show(Output o) {
    try {
      if (rapaio(o) || ijava(o)) {
        return;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.out.println("(could not display through the kernel: " + e + ")");
    }
    System.out.println(o.kind() == Output.Kind.PNG ? "[image: " + o.text() + "]" : o.text());
  }

  private static Class<?> find(String name) {
    for (ClassLoader cl :
        new ClassLoader[] {
          Thread.currentThread().getContextClassLoader(), KernelDisplay.class.getClassLoader()
        }) {
      if (cl == null) {
        continue;
      }
      try {
        return Class.forName(name, true, cl);
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    return null;
  }

  private static boolean rapaio(Output o) throws ReflectiveOperationException {
    Class<?> global = find(RAPAIO);
    if (global == null) {
      return false;
    }
    if (o.kind() == Output.Kind.PNG) {
      // The kernel encodes the image itself: hand it the indexed one (a third of the bytes).
      global.getMethod("display", Object.class).invoke(null, IndexedPng.of(o.image()));
    } else {
      global
          .getMethod("display", String.class, Object.class)
          .invoke(null, o.kind().mime(), o.text());
    }
    return true;
  }

  private static boolean ijava(Output o) throws ReflectiveOperationException {
    Class<?> ijava = find(IJAVA);
    Class<?> dataClass = find(IJAVA_DATA);
    if (ijava == null || dataClass == null) {
      return false;
    }
    Object kernel = ijava.getMethod("getKernelInstance").invoke(null);
    if (kernel == null) {
      return false;
    }
    Object data = dataClass.getConstructor().newInstance();
    Method put = dataClass.getMethod("putData", String.class, String.class);
    String value = o.kind() == Output.Kind.PNG ? o.pngBase64() : o.text();
    for (Map.Entry<String, String> e :
        Map.of(
                o.kind().mime(),
                value,
                "text/plain",
                o.kind() == Output.Kind.PNG ? o.text() : o.text())
            .entrySet()) {
      put.invoke(data, e.getKey(), e.getValue());
    }
    kernel.getClass().getMethod("display", dataClass).invoke(kernel, data);
    return true;
  }
}
