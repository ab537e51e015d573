package az.opengov.nap.measure;

import java.beans.FeatureDescriptor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;

/**
 * The engine's expressions with the process's delegates
 * ({@code camunda:delegateExpression="${progressReportSubmitted}"}) found by their bean name first. The engine's own
 * order asks the variables first: a name that is not a variable is looked for in every scope from the task up to the
 * process instance, each scope's variables read from the database (seven reads for a report task, on every
 * completion), before the bean is found. Only the names of our delegate beans (task listeners, execution listeners,
 * Java delegates) are resolved here; a variable of such a name could otherwise stand in for a delegate, which it can
 * no longer do. Every other name is resolved as the engine does.
 */
final class DelegatesFirst extends SpringExpressionManager {

    private final ApplicationContext context;
    private volatile Set<String> delegates;

    DelegatesFirst(ApplicationContext context, Map<Object, Object> beans) {
        super(context, beans);
        this.context = context;
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new DelegateResolver());
        resolver.add(super.createElResolver());
        return resolver;
    }

    /** The delegate beans' names, read once the application is up (the engine parses no process before). */
    private Set<String> delegates() {
        Set<String> names = delegates;
        if (names == null) {
            names = Stream.of(TaskListener.class, ExecutionListener.class, JavaDelegate.class)
                    .flatMap(type -> Arrays.stream(context.getBeanNamesForType(type, false, false)))
                    .collect(Collectors.toUnmodifiableSet());
            delegates = names;
        }
        return names;
    }

    private final class DelegateResolver extends ELResolver {

        @Override
        public Object getValue(ELContext elContext, Object base, Object property) {
            if (base == null && property instanceof String name && delegates().contains(name)) {
                elContext.setPropertyResolved(true);
                return context.getBean(name);
            }
            return null;
        }

        @Override
        public Class<?> getType(ELContext elContext, Object base, Object property) {
            return null;
        }

        @Override
        public void setValue(ELContext elContext, Object base, Object property, Object value) {
            // read only: nothing to set, the next resolver decides
        }

        @Override
        public boolean isReadOnly(ELContext elContext, Object base, Object property) {
            if (base == null && property instanceof String name && delegates().contains(name)) {
                elContext.setPropertyResolved(true);
                return true;
            }
            return false;
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext elContext, Object base) {
            return null;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext elContext, Object base) {
            return base == null ? Object.class : null;
        }
    }
}
