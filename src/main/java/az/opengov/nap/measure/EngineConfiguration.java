package az.opengov.nap.measure;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine settings that are ours rather than the starter's: the history level, the indexes it lacks. */
@Configuration
class EngineConfiguration {

    @Bean
    AbstractProcessEnginePlugin historyWithoutContentPlugin() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                var levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<HistoryLevel>()
                        : new ArrayList<>(configuration.getCustomHistoryLevels());
                levels.add(new HistoryWithoutContent());
                configuration.setCustomHistoryLevels(levels);
            }
        };
    }

    @Bean
    AbstractProcessEnginePlugin engineIndexes() {
        return new EngineIndexes();
    }
}
