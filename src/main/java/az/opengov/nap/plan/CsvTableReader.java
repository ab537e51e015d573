package az.opengov.nap.plan;

import static az.opengov.nap.plan.ImportTable.columnName;

import az.opengov.nap.plan.ImportTable.ImportRow;
import az.opengov.nap.shared.FieldProblem;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an RFC 4180 CSV file in UTF-8 (a byte order mark is allowed). Bytes that are not UTF-8 are reported with
 * their row, column and byte offset; the rest of the file is still read so that one report lists every problem.
 */
final class CsvTableReader {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().get();
    private static final int BOM_LENGTH = 3;
    private static final char REPLACEMENT = '\uFFFD';

    private CsvTableReader() {
    }

    static ImportTable read(byte[] bytes) {
        Decoded decoded = decode(bytes);
        List<FieldProblem> problems = new ArrayList<>();
        List<CSVRecord> records = parse(decoded.text(), problems);
        if (records.isEmpty()) {
            return ImportTable.failed("import.emptyFile");
        }
        Deque<BadBytes> bad = decoded.bad();
        List<String> header = records.get(0).stream().map(String::strip).toList();
        reportBadBytes(records.get(0).toList(), List.of(), 1, bad, end(records, 0), problems);
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> cells = records.get(i).toList();
            Set<Integer> reported = reportBadBytes(cells, header, i + 1, bad, end(records, i), problems);
            rows.add(new ImportRow(i + 1, cells, reported));
        }
        return new ImportTable(header, rows, problems);
    }

    /** The text with U+FFFD in place of each malformed sequence, and where those sequences were. */
    private record Decoded(String text, Deque<BadBytes> bad) {
    }

    /** A malformed byte sequence: its offset in the file and the offset of its replacement in the text. */
    private record BadBytes(long byteOffset, long charOffset) {
    }

    private static Decoded decode(byte[] bytes) {
        int start = hasBom(bytes) ? BOM_LENGTH : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        Deque<BadBytes> bad = new ArrayDeque<>();
        CoderResult result = decoder.decode(in, out, true);
        while (result.isError()) {
            bad.add(new BadBytes(in.position(), out.position()));
            out.put(REPLACEMENT);
            in.position(in.position() + result.length());
            result = decoder.decode(in, out, true);
        }
        decoder.flush(out);
        return new Decoded(out.flip().toString(), bad);
    }

    private static boolean hasBom(byte[] bytes) {
        return bytes.length >= BOM_LENGTH && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF;
    }

    /** The records up to the first syntax error, which is reported at the row where the parser stopped. */
    private static List<CSVRecord> parse(String text, List<FieldProblem> problems) {
        List<CSVRecord> records = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
            parser.forEach(records::add);
        } catch (UncheckedIOException | IOException e) {
            problems.add(new FieldProblem(records.size() + 1, null, "import.csvSyntax"));
        }
        return records;
    }

    private static long end(List<CSVRecord> records, int index) {
        return index + 1 < records.size() ? records.get(index + 1).getCharacterPosition() : Long.MAX_VALUE;
    }

    /** Reports the malformed bytes that fall in one record, one problem per cell, and returns those cells. */
    private static Set<Integer> reportBadBytes(List<String> cells, List<String> header, int row, Deque<BadBytes> bad,
                                               long recordEnd, List<FieldProblem> problems) {
        Set<Integer> reported = new HashSet<>();
        for (int c = 0; c < cells.size() && inRecord(bad, recordEnd); c++) {
            long replacements = cells.get(c).chars().filter(ch -> ch == REPLACEMENT).count();
            if (replacements == 0) {
                continue;
            }
            BadBytes first = bad.poll();
            for (long k = 1; k < replacements && inRecord(bad, recordEnd); k++) {
                bad.poll();
            }
            reported.add(c);
            problems.add(new FieldProblem(row, columnName(header, c), "import.encoding",
                    String.valueOf(first.byteOffset())));
        }
        while (inRecord(bad, recordEnd)) {
            problems.add(new FieldProblem(row, null, "import.encoding", String.valueOf(bad.poll().byteOffset())));
        }
        return reported;
    }

    private static boolean inRecord(Deque<BadBytes> bad, long recordEnd) {
        return !bad.isEmpty() && bad.peek().charOffset() < recordEnd;
    }
}
