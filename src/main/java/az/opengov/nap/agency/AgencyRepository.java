package az.opengov.nap.agency;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AgencyRepository {

    private final JdbcClient jdbc;

    AgencyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count() {
        return jdbc.sql("select count(*) from agency").query(Long.class).single();
    }

    List<Agency> findAll() {
        return jdbc.sql("select * from agency order by code").query((rs, n) -> map(rs)).list();
    }

    Optional<Agency> find(String code) {
        return jdbc.sql("select * from agency where code = ?").param(code).query((rs, n) -> map(rs)).optional();
    }

    Map<String, String> aliases() {
        return jdbc.sql("select alias_key, agency_code from agency_alias")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    List<String> members(String collectiveCode) {
        return jdbc.sql("select member_code from agency_member where collective_code = ? order by member_code")
                .param(collectiveCode).query(String.class).list();
    }

    void insert(Agency a) {
        jdbc.sql("""
                insert into agency (code, kind, name_az, name_en, name_ru, emails, head_email, collective)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.code(), a.kind().name(), a.nameAz(), a.nameEn(), a.nameRu(),
                        String.join(";", a.emails()), a.headEmail(), a.collective())
                .update();
    }

    void insertAlias(String key, String code) {
        jdbc.sql("insert into agency_alias (alias_key, agency_code) values (?, ?)").params(key, code).update();
    }

    void insertMember(String collective, String member) {
        jdbc.sql("insert into agency_member (collective_code, member_code) values (?, ?)")
                .params(collective, member).update();
    }

    int update(Agency a) {
        return jdbc.sql("""
                update agency set kind = ?, name_az = ?, name_en = ?, name_ru = ?, emails = ?, head_email = ?
                where code = ?""")
                .params(a.kind().name(), a.nameAz(), a.nameEn(), a.nameRu(), String.join(";", a.emails()),
                        a.headEmail(), a.code())
                .update();
    }

    int deleteMember(String collective, String member) {
        return jdbc.sql("delete from agency_member where collective_code = ? and member_code = ?")
                .params(collective, member).update();
    }

    boolean memberExists(String collective, String member) {
        return jdbc.sql("select count(*) from agency_member where collective_code = ? and member_code = ?")
                .params(collective, member).query(Long.class).single() > 0;
    }

    boolean aliasExists(String key) {
        return jdbc.sql("select count(*) from agency_alias where alias_key = ?").param(key)
                .query(Long.class).single() > 0;
    }

    List<Agency> findAll(Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from agency where code in (:codes) order by code").param("codes", codes)
                .query((rs, n) -> map(rs)).list();
    }

    private static Agency map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String emails = rs.getString("emails");
        return new Agency(rs.getString("code"), AgencyKind.valueOf(rs.getString("kind")), rs.getString("name_az"),
                rs.getString("name_en"), rs.getString("name_ru"),
                emails == null || emails.isBlank() ? List.of() : Arrays.asList(emails.split(";")),
                rs.getString("head_email"));
    }

    int setActive(String code, boolean active) {
        return jdbc.sql("update agency set active = ? where code = ?").params(active, code).update();
    }

    List<String> inactiveCodes() {
        return jdbc.sql("select code from agency where active = false order by code").query(String.class).list();
    }
}
