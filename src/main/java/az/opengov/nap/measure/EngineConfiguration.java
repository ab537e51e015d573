package az.opengov.nap.measure;

import az.opengov.nap.measure.process.MeasureExecution;
import az.opengov.nap.shared.FormDefinitions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine settings that are ours rather than the starter's: the history level, delegates resolved before variables,
 * the indexes it lacks, the commands that read only the executions they need.
 */
@Configuration
class EngineConfiguration {

    /**
     * The variables the history leaves out: the forms' content fields (every key of the process's forms but the
     * decision a gateway routes on), and the inputs of an agency's timers (due date, reminder, escalation cycle,
     * reporting window), which the application's tables hold with every change: the due date in
     * {@code cycle_participant}, each extension with its reason, before and after in {@code measure_action}. Nor the
     * engine's multi-instance bookkeeping (the loop counter, the instance counts): one row of every agency's report,
     * and two updates each time one ends, with nothing the cycle's number and the agency's code do not say.
     */
    static Set<String> variablesWithoutHistory(FormDefinitions forms) {
        Set<String> keys = new HashSet<>(forms.allKeys(FormDefinitions.PROGRESS_REPORT, FormDefinitions.PROGRESS_REVIEW,
                FormDefinitions.FINAL_ASSESSMENT));
        keys.remove(MeasureExecution.Variables.DECISION);
        keys.addAll(MeasureExecution.Variables.DEADLINES);
        keys.addAll(MeasureExecution.Variables.MULTI_INSTANCE);
        return keys;
    }

    @Bean
    AbstractProcessEnginePlugin historyWithoutContentPlugin(FormDefinitions forms) {
        Set<String> content = variablesWithoutHistory(forms);
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                var levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<HistoryLevel>()
                        : new ArrayList<>(configuration.getCustomHistoryLevels());
                levels.add(new HistoryWithoutContent(content));
                configuration.setCustomHistoryLevels(levels);
            }
        };
    }

    /**
     * Delegate expressions find their bean without searching every variable scope first (see
     * {@link DelegatesFirst}).
     */
    @Bean
    AbstractProcessEnginePlugin delegatesFirst(ApplicationContext context) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setExpressionManager(new DelegatesFirst(context, configuration.getBeans()));
            }
        };
    }

    /**
     * The starter's engine configuration, but for the commands that read only the executions they need
     * ({@link ExecutionsAsNeeded}); the starter makes its own only where the context has none.
     */
    @Bean
    ProcessEngineConfigurationImpl processEngineConfigurationImpl(List<ProcessEnginePlugin> plugins) {
        return ExecutionsAsNeeded.configuration(plugins);
    }

    @Bean
    AbstractProcessEnginePlugin engineIndexes() {
        return new EngineIndexes();
    }

    /**
     * The engine reads every timer's ISO 8601 date, duration or cycle (an escalation's {@code R/…/P7D}) with a new
     * {@code DurationHelper}, and each one asks JAXP for a new {@link DatatypeFactory}. With no implementation named,
     * JAXP looks for one with a {@code ServiceLoader}, a search of every jar on the class path under the class
     * loader's lock: opening a cycle of 9,000 reports spent 12 % of its job threads' time there, and they waited for
     * one another's search. No jar of the application provides one, so every search ends at the JDK's own
     * implementation; naming that one with JAXP's own system property (unless it is set already) skips the search and
     * changes nothing else.
     */
    @Bean
    AbstractProcessEnginePlugin jdkDatatypeFactory() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                nameJdkDatatypeFactory();
            }
        };
    }

    static void nameJdkDatatypeFactory() {
        System.getProperties().putIfAbsent(DatatypeFactory.class.getName(),
                DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }
}
