package az.opengov.nap.measure;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Builds the process engine on a thread of its own while the rest of the context is made. Building it (reading the
 * engine's mappings, creating or checking its schema, deploying the process model) is the largest single step of a
 * start, and nothing before it needs it; our repositories, Flyway's migrations, the security chains, the web layer's
 * beans are made meanwhile, and a bean that needs an engine service waits for it. This uses Spring's background bean
 * initialization: the bean registered here is the first the context makes, in the background, and it asks for the
 * engine; the context's refresh waits for it before it completes, so a failure to build the engine still fails the
 * start. The engine is built once: should the main thread ask for it first (a context with little else to make), it
 * builds it, and the background thread gets that one.
 */
public class EngineBackgroundStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN = "processEngineBuiltInBackground";
    /** The Camunda Spring Boot starter's factory of the engine. */
    static final String ENGINE_FACTORY = "processEngineFactoryBean";

    /** Holds nothing: its making is what builds the engine. */
    static final class Built {
        Built(ProcessEngine engine) {
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!(context instanceof BeanDefinitionRegistry registry) || registry.containsBeanDefinition(BEAN)) {
            return;
        }
        if (!registry.containsBeanDefinition(ConfigurableApplicationContext.BOOTSTRAP_EXECUTOR_BEAN_NAME)) {
            RootBeanDefinition executor = new RootBeanDefinition(SimpleAsyncTaskExecutor.class);
            executor.getConstructorArgumentValues().addGenericArgumentValue("engine-start-");
            registry.registerBeanDefinition(ConfigurableApplicationContext.BOOTSTRAP_EXECUTOR_BEAN_NAME, executor);
        }
        RootBeanDefinition built = new RootBeanDefinition(Built.class);
        built.setAutowireMode(RootBeanDefinition.AUTOWIRE_CONSTRUCTOR);
        built.setBackgroundInit(true);
        registry.registerBeanDefinition(BEAN, built);
        context.addBeanFactoryPostProcessor(EngineBackgroundStart::afterDefinitions);
    }

    /**
     * Once every bean is defined (the starter's included): with the starter's engine factory, that factory is made
     * on the main thread first (Spring makes a background bean's dependencies there) and the engine, its product, in
     * the background; without one (a context without the engine, such as a test slice) the bean is dropped and
     * nothing changes.
     */
    static void afterDefinitions(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory.containsBeanDefinition(ENGINE_FACTORY)) {
            beanFactory.getBeanDefinition(BEAN).setDependsOn(BeanFactory.FACTORY_BEAN_PREFIX + ENGINE_FACTORY);
        } else if (beanFactory instanceof BeanDefinitionRegistry registry) {
            registry.removeBeanDefinition(BEAN);
        }
    }
}
