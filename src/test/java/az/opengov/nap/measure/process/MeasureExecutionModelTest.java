package az.opengov.nap.measure.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The house style of {@code processes/MeasureExecution.bpmn} (STYLE.md, "BPMN"), read from the real file with the
 * Camunda Model API: ids and names, diagram, history time to live and version tag, delegates, save points, forms, and
 * the descriptor {@link MeasureExecution} agreeing with the model.
 */
class MeasureExecutionModelTest {

    /** The suffix of the engine's multi-instance body's id: the activity's id and this. */
    static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

    static final File BPMN = new File("processes/MeasureExecution.bpmn");
    static final File FORMS = new File("forms");
    static final Pattern ID = Pattern.compile(
            "^(Start|End|Task|Gateway|Flow|Boundary|Timer|SubProcess|EventSubProcess)_[A-Z][A-Za-z]+$");

    static BpmnModelInstance model;
    static Process process;

    @BeforeAll
    static void readModel() {
        model = Bpmn.readModelFromFile(BPMN);
        Bpmn.validateModel(model);
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        assertThat(processes).hasSize(1);
        process = processes.iterator().next();
    }

    @Test
    @DisplayName("the process id equals the file name and the descriptor's key")
    void processIdEqualsFileName() {
        assertThat(process.getId()).isEqualTo(BPMN.getName().replaceFirst("\\.bpmn$", ""))
                .isEqualTo(MeasureExecution.PROCESS_KEY);
        assertThat(process.isExecutable()).isTrue();
    }

    @Test
    @DisplayName("history time to live and version tag are set")
    void historyTimeToLiveAndVersionTag() {
        assertThat(process.getCamundaHistoryTimeToLiveString()).as("camunda:historyTimeToLive").isNotBlank();
        assertThat(process.getCamundaVersionTag()).as("camunda:versionTag").isNotBlank();
    }

    @Test
    @DisplayName("every flow element has a prefixed, meaningful id")
    void everyFlowElementHasAPrefixedId() {
        assertThat(flowElements()).isNotEmpty().allSatisfy(e -> assertThat(e.getId())
                .as("id of %s", e.getElementType().getTypeName()).matches(ID));
        assertThat(model.getModelElementsByType(BoundaryEvent.class)).allSatisfy(e ->
                assertThat(e.getId()).startsWith("Boundary_"));
        assertThat(model.getModelElementsByType(SequenceFlow.class)).allSatisfy(e ->
                assertThat(e.getId()).startsWith("Flow_"));
    }

    @Test
    @DisplayName("every flow node has a name; sequence flows leaving a decision have one too")
    void everyFlowNodeHasAName() {
        assertThat(model.getModelElementsByType(FlowNode.class)).allSatisfy(n ->
                assertThat(n.getName()).as("name of %s", n.getId()).isNotBlank());
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            FlowNode source = flow.getSource();
            if (source instanceof Gateway && source.getOutgoing().size() > 1) {
                assertThat(flow.getName()).as("name of %s leaving %s", flow.getId(), source.getId()).isNotBlank();
            }
        }
    }

    @Test
    @DisplayName("every flow node has a shape and every sequence flow an edge in the diagram")
    void everyElementIsDrawn() {
        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .map(BpmnShape::getBpmnElement).map(BaseElement::getId).collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(BpmnEdge::getBpmnElement).map(BaseElement::getId).collect(Collectors.toSet());
        assertThat(shapes).containsAll(ids(model.getModelElementsByType(FlowNode.class)));
        assertThat(edges).containsAll(ids(model.getModelElementsByType(SequenceFlow.class)));
    }

    @Test
    @DisplayName("every service task is a Spring bean by camunda:delegateExpression")
    void everyServiceTaskHasADelegateExpression() {
        assertThat(model.getModelElementsByType(ServiceTask.class)).isNotEmpty().allSatisfy(t -> {
            assertThat(t.getCamundaDelegateExpression()).as("delegateExpression of %s", t.getId())
                    .matches("^\\$\\{[a-z][A-Za-z]+}$");
            assertThat(t.getCamundaClass()).as("camunda:class of %s", t.getId()).isNull();
            assertThat(t.getCamundaExpression()).as("camunda:expression of %s", t.getId()).isNull();
        });
    }

    @Test
    @DisplayName("every save point has an explicit failedJobRetryTimeCycle")
    void everyAsyncActivityHasARetryCycle() {
        List<String> withoutRetryCycle = new ArrayList<>();
        int savePoints = 0;
        for (Activity a : model.getModelElementsByType(Activity.class)) {
            if (a.isCamundaAsyncBefore() || a.isCamundaAsyncAfter()) {
                savePoints++;
                if (!hasRetryCycle(a)) {
                    withoutRetryCycle.add(a.getId());
                }
            }
        }
        for (MultiInstanceLoopCharacteristics mi : model.getModelElementsByType(
                MultiInstanceLoopCharacteristics.class)) {
            if (mi.isCamundaAsyncBefore() || mi.isCamundaAsyncAfter()) {
                savePoints++;
                if (!hasRetryCycle(mi)) {
                    withoutRetryCycle.add(((BaseElement) mi.getParentElement()).getId() + " (multi-instance)");
                }
            }
        }
        assertThat(model.getModelElementsByType(ServiceTask.class).stream()
                .filter(t -> t.isCamundaAsyncBefore() || t.isCamundaAsyncAfter())).isNotEmpty();
        assertThat(savePoints).isPositive();
        assertThat(withoutRetryCycle).as("async activities without camunda:failedJobRetryTimeCycle").isEmpty();
    }

    @Test
    @DisplayName("every user task uses a deployed Camunda Form by formRef, binding deployment; file name = form id")
    void everyUserTaskHasADeployedForm() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Collection<UserTask> userTasks = model.getModelElementsByType(UserTask.class);
        assertThat(userTasks).isNotEmpty();
        for (UserTask t : userTasks) {
            assertThat(t.getCamundaFormKey()).as("camunda:formKey of %s", t.getId()).isNull();
            assertThat(t.getCamundaFormRef()).as("camunda:formRef of %s", t.getId()).isNotBlank();
            assertThat(t.getCamundaFormRefBinding()).as("camunda:formRefBinding of %s", t.getId())
                    .isEqualTo("deployment");
            File form = new File(FORMS, t.getCamundaFormRef() + ".form");
            assertThat(form).as("form of %s", t.getId()).isFile();
            JsonNode root = json.readTree(form);
            assertThat(root.path("id").asText()).as("id in %s", form).isEqualTo(t.getCamundaFormRef());
        }
        File[] all = FORMS.listFiles((dir, name) -> name.endsWith(".form"));
        assertThat(all).isNotEmpty();
        for (File form : all) {
            assertThat(json.readTree(form).path("id").asText()).as("id in %s", form)
                    .isEqualTo(form.getName().replaceFirst("\\.form$", ""));
        }
    }

    @Test
    @DisplayName("every element id of the descriptor MeasureExecution.Elements exists in the model")
    void descriptorElementsExistInTheModel() throws IllegalAccessException {
        List<String> constants = constants(MeasureExecution.Elements.class);
        assertThat(constants).isNotEmpty();
        for (String id : constants) {
            if (id.endsWith(MULTI_INSTANCE_BODY)) {
                // the engine's body around a multi-instance activity: the activity exists and is multi-instance
                String activity = id.substring(0, id.length() - MULTI_INSTANCE_BODY.length());
                assertThat(model.<Activity>getModelElementById(activity)).as("element %s", activity).isNotNull()
                        .satisfies(a -> assertThat(a.getLoopCharacteristics()).as("loop of %s", activity)
                                .isInstanceOf(MultiInstanceLoopCharacteristics.class));
                continue;
            }
            assertThat(model.<FlowElement>getModelElementById(id)).as("element %s", id).isNotNull()
                    .isInstanceOf(FlowElement.class);
        }
    }

    @Test
    @DisplayName("every message name of the descriptor MeasureExecution.Messages is a message of the model")
    void descriptorMessagesExistInTheModel() throws IllegalAccessException {
        Set<String> names = model.getModelElementsByType(Message.class).stream().map(Message::getName)
                .collect(Collectors.toSet());
        assertThat(names).containsExactlyInAnyOrderElementsOf(constants(MeasureExecution.Messages.class));
    }

    @Test
    @DisplayName("the element ids the process test names besides the descriptor exist in the model")
    void elementsTheTestsNameExist() {
        for (String id : List.of(MeasureExecutionProcessTest.START_CYCLE_SCHEDULED,
                MeasureExecutionProcessTest.END_CYCLE_CLOSED, MeasureExecutionProcessTest.START_AGENCY_REPORT_REQUESTED,
                MeasureExecutionProcessTest.GATEWAY_REPORT_REQUESTED,
                MeasureExecutionProcessTest.GATEWAY_REPORT_SUBMITTED,
                MeasureExecutionProcessTest.EVENT_SUBPROCESS_AGENCY_REMOVED,
                MeasureExecutionProcessTest.TASK_RECORD_AGENCY_REMOVAL,
                MeasureExecutionProcessTest.EVENT_SUBPROCESS_MEASURE_CANCELLED,
                MeasureExecutionProcessTest.TASK_RECORD_CANCELLATION)) {
            assertThat(model.<FlowElement>getModelElementById(id)).as("element %s", id).isNotNull();
        }
    }

    private static boolean hasRetryCycle(BaseElement element) {
        return element.getExtensionElements() != null
                && element.getExtensionElements().getElementsQuery()
                        .filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream()
                        .anyMatch(c -> c.getTextContent() != null && !c.getTextContent().isBlank());
    }

    private static Collection<FlowElement> flowElements() {
        return model.getModelElementsByType(FlowElement.class);
    }

    private static Set<String> ids(Collection<? extends BaseElement> elements) {
        return elements.stream().map(BaseElement::getId).collect(Collectors.toSet());
    }

    private static List<String> constants(Class<?> holder) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field f : holder.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())
                    && f.getType() == String.class) {
                values.add((String) f.get(null));
            }
        }
        return values;
    }
}
