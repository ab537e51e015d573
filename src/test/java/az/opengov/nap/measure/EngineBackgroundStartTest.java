package az.opengov.nap.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.context.support.GenericApplicationContext;

class EngineBackgroundStartTest {

    static final AtomicReference<String> builtOn = new AtomicReference<>();
    static final AtomicInteger builds = new AtomicInteger();

    /** Stands in for the starter's factory bean: builds a (proxy) engine and notes the thread that did. */
    static class EngineFactory implements FactoryBean<ProcessEngine> {
        static boolean fail;

        @Override
        public ProcessEngine getObject() {
            builtOn.set(Thread.currentThread().getName());
            builds.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new IllegalStateException("the engine could not be built");
            }
            return (ProcessEngine) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ProcessEngine.class}, (proxy, method, args) -> null);
        }

        @Override
        public Class<?> getObjectType() {
            return ProcessEngine.class;
        }
    }

    /** Work the main thread does meanwhile, as the application's repositories, migrations and web beans are. */
    static class OtherWork {
        OtherWork() throws InterruptedException {
            Thread.sleep(500);
        }
    }

    /** A bean that needs the engine, as our services need its services: made on the main thread, after the build. */
    record NeedsEngine(ProcessEngine engine) {
    }

    GenericApplicationContext context() {
        GenericApplicationContext context = new GenericApplicationContext();
        new EngineBackgroundStart().initialize(context);
        context.registerBean("processEngineFactoryBean", EngineFactory.class);
        context.registerBean("otherWork", OtherWork.class);
        context.registerBean("needsEngine", NeedsEngine.class);
        return context;
    }

    @Test
    void theEngineIsBuiltOnItsOwnThreadAndTheContextWaitsForIt() {
        EngineFactory.fail = false;
        builds.set(0);
        try (GenericApplicationContext context = context()) {
            context.refresh();
            assertThat(builtOn.get()).startsWith("engine-start-");
            assertThat(builds).hasValue(1);
            assertThat(context.getBean(NeedsEngine.class).engine()).isSameAs(context.getBean(ProcessEngine.class));
            assertThat(context.containsBean(EngineBackgroundStart.BEAN)).isTrue();
        }
    }

    @Test
    void anEngineThatFailsToBuildFailsTheStart() {
        EngineFactory.fail = true;
        try (GenericApplicationContext context = context()) {
            assertThatThrownBy(context::refresh).isInstanceOf(BeanCreationException.class)
                    .hasStackTraceContaining("the engine could not be built");
        } finally {
            EngineFactory.fail = false;
        }
    }

    @Test
    void aContextWithoutTheEngineStartsAsBefore() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            new EngineBackgroundStart().initialize(context);
            context.registerBean("otherWork", OtherWork.class);
            context.refresh();
            assertThat(context.containsBean(EngineBackgroundStart.BEAN)).isFalse();
            assertThat(context.getBean(OtherWork.class)).isNotNull();
        }
    }

    @Test
    void appliedTwiceItRegistersOnce() {
        GenericApplicationContext context = new GenericApplicationContext();
        new EngineBackgroundStart().initialize(context);
        new EngineBackgroundStart().initialize(context);
        assertThat(context.getBeanDefinitionNames()).containsOnlyOnce(EngineBackgroundStart.BEAN, "bootstrapExecutor");
    }
}
