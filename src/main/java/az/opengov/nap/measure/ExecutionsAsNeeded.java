package az.opengov.nap.measure;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.util.CamundaSpringBootUtil;

/**
 * Engine commands that load only the executions they touch. By default the engine reads a process instance's whole
 * execution tree the first time a command asks for an execution's parent, children or process instance
 * ({@code executionTreePrefetchEnabled}): one statement instead of one per execution, right for a command that walks
 * much of the tree (a cycle's opening starts 150 agencies' reports in one transaction). A measure's tree holds two
 * executions for each of up to 150 agencies, and an agency's submission or its review touches a few (its task's, its
 * report's scope, the measure's), as do a coordinator's hand-over of its task to a colleague and an administrator's
 * move of its due date; reading all 300 cost more than the rest of the engine's work for it. A command run
 * through {@link #run} has the engine read each execution it needs by id instead (the same setting, off for that
 * command alone, in that thread); every other command, a job's included, still reads the whole tree. Not for a
 * command that ends an agency's report (its instance of the multi-instance body): the engine then looks at every
 * sibling, one read each; the job that publishes an approved report read 282 executions so, at a third of the rate
 * it has with the whole tree. The submission and the review never end it: both stop at the review's task or at the
 * publication's job; a hand-over and a due date's move end nothing.
 */
public final class ExecutionsAsNeeded {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private ExecutionsAsNeeded() {
    }

    /** Runs {@code command} (engine calls in this thread) with executions read as the engine needs them. */
    public static <T> T run(Supplier<T> command) {
        if (ACTIVE.get() != null) {
            return command.get();
        }
        ACTIVE.set(Boolean.TRUE);
        try {
            return command.get();
        } finally {
            ACTIVE.remove();
        }
    }

    static boolean active() {
        return ACTIVE.get() != null;
    }

    /**
     * The Camunda Spring Boot starter's engine configuration, as its own bean method makes it (with every
     * {@link ProcessEnginePlugin} of the context), whose tree prefetch a command run through {@link #run} turns off
     * for itself. The engine asks this configuration each time it is about to read a tree.
     */
    static SpringProcessEngineConfiguration configuration(List<ProcessEnginePlugin> plugins) {
        SpringProcessEngineConfiguration configuration =
                CamundaSpringBootUtil.initCustomFields(new PrefetchPerCommand());
        configuration.getProcessEnginePlugins().add(new CompositeProcessEnginePlugin(plugins));
        return configuration;
    }

    /** The engine's configuration, its tree prefetch off for a command run through {@link #run}. */
    static final class PrefetchPerCommand extends SpringProcessEngineConfiguration {
        @Override
        public boolean isExecutionTreePrefetchEnabled() {
            return super.isExecutionTreePrefetchEnabled() && !active();
        }
    }
}
