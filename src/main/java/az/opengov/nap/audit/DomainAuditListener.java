package az.opengov.nap.audit;

import az.opengov.nap.plan.PlanImported;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** State changes announced as events rather than made through an audited service: plan imports. */
@Component
class DomainAuditListener {

    private final AuditService audit;

    DomainAuditListener(AuditService audit) {
        this.audit = audit;
    }

    @EventListener
    void imported(PlanImported event) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        audit.change(auth == null ? "system" : auth.getName(), "PLAN_IMPORTED", "plan", event.planCode(),
                event.newMeasureIds().size() + " new measures");
    }
}
