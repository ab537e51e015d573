package az.opengov.nap.evidence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class EvidenceRepository {

    private final JdbcClient jdbc;

    EvidenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long measureId, int cycle, String agency, String name, String type, long size, String sha256,
                EvidenceVisibility visibility, String user, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into evidence_file (measure_id, cycle_number, agency_code, file_name, content_type, size_bytes,
                    sha256, visibility, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(measureId, cycle, agency, name, type, size, sha256, visibility.name(), user, Timestamp.from(at))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<EvidenceFile> find(long id) {
        return jdbc.sql("select * from evidence_file where id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    List<EvidenceFile> publicOfMeasure(long measureId) {
        return jdbc.sql("""
                select * from evidence_file where measure_id = ? and visibility = 'PUBLIC'
                order by uploaded_at, id""")
                .param(measureId).query((rs, n) -> map(rs)).list();
    }

    List<EvidenceFile> forReport(long measureId, int cycle, String agency) {
        return jdbc.sql("""
                select * from evidence_file where measure_id = ? and cycle_number = ? and agency_code = ?
                order by uploaded_at, id""")
                .params(measureId, cycle, agency).query((rs, n) -> map(rs)).list();
    }

    long countBySha(String sha256) {
        return jdbc.sql("select count(*) from evidence_file where sha256 = ?").param(sha256).query(Long.class).single();
    }

    int delete(long id) {
        return jdbc.sql("delete from evidence_file where id = ?").param(id).update();
    }

    private static EvidenceFile map(ResultSet rs) throws SQLException {
        return new EvidenceFile(rs.getLong("id"), rs.getLong("measure_id"), rs.getInt("cycle_number"),
                rs.getString("agency_code"), rs.getString("file_name"), rs.getString("content_type"),
                rs.getLong("size_bytes"), rs.getString("sha256"),
                EvidenceVisibility.valueOf(rs.getString("visibility")), rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant());
    }
}
