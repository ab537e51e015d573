package az.opengov.nap.agency;

/** What sort of body an agency is. A collective is a named group of real agencies ("bələdiyyələr"). */
public enum AgencyKind {
    MINISTRY,
    STATE_COMMITTEE,
    STATE_AGENCY,
    LOCAL_EXECUTIVE,
    MUNICIPALITY,
    INDEPENDENT_BODY,
    STATE_COMPANY,
    UNIVERSITY,
    GOVERNMENT,
    COLLECTIVE
}
