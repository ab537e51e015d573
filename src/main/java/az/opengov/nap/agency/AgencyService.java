package az.opengov.nap.agency;

import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.TransactionCache;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The agency registry: who exists, under which names, and who belongs to a collective. */
@Service
public class AgencyService {

    private final AgencyRepository agencies;

    AgencyService(AgencyRepository agencies) {
        this.agencies = agencies;
    }

    public List<Agency> all() {
        return agencies.findAll();
    }

    public Optional<Agency> find(String code) {
        return agencies.find(code);
    }

    public Agency get(String code) {
        return agencies.find(code).orElseThrow(() -> NapException.notFound("agency", code));
    }

    public List<Agency> findAll(Collection<String> codes) {
        return agencies.findAll(codes);
    }

    /** Resolves a name as printed in a plan to the registry's agency, by its name or one of its aliases. */
    public Optional<Agency> resolve(String printedName) {
        String code = agencies.aliases().get(Names.key(printedName));
        return code == null ? Optional.empty() : agencies.find(code);
    }

    /** Resolves many names with one read of the alias table; unknown names map to nothing. */
    public Map<String, String> resolveCodes(Collection<String> printedNames) {
        Map<String, String> aliases = agencies.aliases();
        Map<String, String> result = new LinkedHashMap<>();
        for (String name : printedNames) {
            String code = aliases.get(Names.key(name));
            if (code != null) {
                result.put(name, code);
            }
        }
        return result;
    }

    /** The agencies that act for a code: the members of a collective, or the agency itself. */
    public List<Agency> expand(String code) {
        Agency agency = get(code);
        if (!agency.collective()) {
            return List.of(agency);
        }
        return agencies.findAll(agencies.members(code));
    }

    public List<String> members(String collectiveCode) {
        return agencies.members(collectiveCode);
    }

    /** Adds an agency (or a collective with its members) with its printed name and aliases as names it answers to. */
    @Transactional
    public Agency create(Agency agency, Collection<String> aliases, Collection<String> memberCodes) {
        if (agencies.find(agency.code()).isPresent()) {
            throw NapException.conflict("error.agency.exists", agency.code());
        }
        agencies.insert(agency);
        List<String> names = new ArrayList<>();
        names.add(agency.nameAz());
        names.addAll(aliases);
        for (String name : names) {
            String key = Names.key(name);
            if (!key.isEmpty() && !agencies.aliasExists(key)) {
                agencies.insertAlias(key, agency.code());
            }
        }
        for (String member : memberCodes) {
            agencies.insertMember(agency.code(), member);
        }
        return agency;
    }

    @Transactional
    public void addMember(String collectiveCode, String memberCode) {
        Agency collective = get(collectiveCode);
        Agency member = get(memberCode);
        if (!collective.collective() || member.collective()) {
            throw NapException.conflict("error.agency.membership", collectiveCode, memberCode);
        }
        if (!agencies.memberExists(collectiveCode, memberCode)) {
            agencies.insertMember(collectiveCode, memberCode);
        }
    }

    /** Changes an agency's names, contacts or kind (its code stays: it is the engine's group). */
    @Transactional
    public Agency update(Agency agency) {
        Agency before = get(agency.code());
        if (before.collective() != agency.collective()) {
            throw NapException.conflict("error.agency.kindChange", agency.code());
        }
        agencies.update(agency);
        TransactionCache.clear(); // the rest of this transaction mails the agency's new contacts
        return get(agency.code());
    }

    /** Takes an agency out of a collective; measures started before keep the agencies they expanded to. */
    @Transactional
    public void removeMember(String collectiveCode, String memberCode) {
        if (agencies.deleteMember(collectiveCode, memberCode) == 0) {
            throw NapException.notFound("member", memberCode);
        }
    }

    /**
     * Takes an agency out of service or back: an inactive agency keeps its history but is not offered for new
     * measures or amendments.
     */
    @Transactional
    public void setActive(String code, boolean active) {
        get(code);
        agencies.setActive(code, active);
        TransactionCache.clear();
    }

    /** The codes of the agencies out of service. */
    public java.util.Set<String> inactive() {
        return java.util.Set.copyOf(agencies.inactiveCodes());
    }

    public boolean isEmpty() {
        return agencies.count() == 0;
    }
}
