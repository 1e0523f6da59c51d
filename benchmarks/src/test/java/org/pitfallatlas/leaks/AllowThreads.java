package org.pitfallatlas.leaks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An entry of {@link ThreadLeakExtension}'s allow-list: threads a test class or method may leave
 * running, each with the reason why that is not a leak. goleak's {@code IgnoreTopFunction} and
 * {@code IgnoreAnyFunction} are the model.
 *
 * <p>A thread matches this entry when its name fully matches one of {@link #names()} (when any are
 * given) <em>and</em> one of its stack frames contains one of {@link #frames()} (when any are
 * given). An entry must give at least one of the two, and a reason: a blanket allow-list hides the
 * leaks the extension exists to find.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(AllowThreads.List.class)
public @interface AllowThreads {

  /** Regular expressions, each matched against the whole thread name ("pool-\\d+-thread-\\d+"). */
  String[] names() default {};

  /**
   * Text that one stack frame must contain, e.g. {@code
   * "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take"}: the class and method
   * of a frame, as {@link StackTraceElement#toString()} prints them.
   */
  String[] frames() default {};

  /** Why the thread is not a leak; shown in the extension's report. Must not be blank. */
  String reason();

  /** The container of repeated {@link AllowThreads} entries. */
  @Documented
  @Inherited
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.METHOD})
  @interface List {
    AllowThreads[] value();
  }
}
