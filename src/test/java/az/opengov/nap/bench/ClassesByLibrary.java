package az.opengov.nap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes a JVM loaded until its first page, by where they came from ({@code -Xlog:class+load}): each library's
 * jar, the JDK, the application's own classes, and classes made at run time (proxies, lambdas, reflection). Grouped by
 * what they serve, so that a start-up's difference reads as "the monitoring, 720 classes more" rather than as a list of
 * 180 jars. Classes are a proxy for the start's work: each is read, verified, linked and, where it runs often enough,
 * compiled.
 */
final class ClassesByLibrary {

    /** A line of {@code -Xlog:class+load=info}: "[…][info][class,load] a.b.C source: …". */
    private static final Pattern LINE = Pattern.compile("\\[class,load\\s*] \\S+ source: (.+)$");
    /** A jar's name without its version: "thymeleaf-3.1.3.RELEASE.jar" is thymeleaf. */
    private static final Pattern JAR = Pattern.compile("([^/!]+?)(?:-\\d[^/!]*)?\\.jar");

    static final String JDK = "the JDK";
    static final String OWN = "the application's own classes";
    static final String GENERATED = "made at run time (proxies, lambdas, reflection)";

    /** What a library serves, by its jar's name; the first that matches. */
    private static final Map<String, Pattern> FEATURES = features();

    private ClassesByLibrary() {
    }

    private static Map<String, Pattern> features() {
        Map<String, Pattern> features = new LinkedHashMap<>();
        features.put("monitoring (Actuator, Micrometer, Prometheus)",
                Pattern.compile("spring-boot-actuator.*|micrometer-(?!observation|commons).*|prometheus.*|HdrHistogram"
                        + "|LatencyUtils"));
        features.put("page templates (Thymeleaf)", Pattern.compile("thymeleaf.*|attoparser|unbescape"));
        features.put("security (Spring Security, OAuth2 client, Bouncy Castle)",
                Pattern.compile("spring-security.*|nimbus.*|oauth2.*|jcip.*|bcprov.*|content-type|lang-tag"
                        + "|json-smart|accessors-smart"));
        features.put("schema migrations (Flyway)", Pattern.compile("flyway.*"));
        features.put("API description (springdoc, Swagger)", Pattern.compile("springdoc.*|swagger.*"));
        features.put("validation (Hibernate Validator)",
                Pattern.compile("hibernate-validator|jakarta\\.validation-api|classmate|jboss-logging"));
        features.put("mail (Jakarta Mail)", Pattern.compile("jakarta\\.mail.*|angus.*|jakarta\\.activation.*"));
        features.put("the engine (Camunda, MyBatis, FEEL, JUEL)",
                Pattern.compile("camunda.*|mybatis|feel.*|juel.*|operaton.*|scala.*|freemarker|commons-fileupload.*"));
        features.put("Spring Framework and Spring Boot",
                Pattern.compile("spring-.*|micrometer-observation|micrometer-commons"));
        features.put("the web server (Tomcat)", Pattern.compile("tomcat.*"));
        features.put("JSON (Jackson)", Pattern.compile("jackson.*"));
        features.put("databases (H2, PostgreSQL, HikariCP)", Pattern.compile("h2|postgresql|HikariCP|checker-qual"));
        return features;
    }

    /** Classes loaded, by library (a jar's name without its version, or {@link #JDK}, {@link #OWN}, …). */
    static Map<String, Integer> byLibrary(Path classLoadLog, String ownClasses) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<String> lines = Files.lines(classLoadLog)) {
            lines.forEach(line -> {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    counts.merge(library(m.group(1).strip(), ownClasses), 1, Integer::sum);
                }
            });
        }
        return counts;
    }

    /** The library a class came from, by its {@code source:}; {@code ownClasses} is the application's class folder. */
    static String library(String source, String ownClasses) {
        if (source.startsWith("jrt:/") || source.equals("shared objects file")) {
            return JDK;
        }
        if (source.contains(ownClasses)) {
            return OWN;
        }
        Matcher jar = JAR.matcher(source);
        return jar.find() ? jar.group(1) : GENERATED;
    }

    /** The group a library belongs to: a feature, or the library's own name where none of the features claims it. */
    static String feature(String library) {
        if (library.equals(JDK) || library.equals(OWN) || library.equals(GENERATED)) {
            return library;
        }
        return FEATURES.entrySet().stream().filter(e -> e.getValue().matcher(library).matches()).map(Map.Entry::getKey)
                .findFirst().orElse("other libraries");
    }

    static Map<String, Integer> byFeature(Map<String, Integer> byLibrary) {
        Map<String, Integer> result = new TreeMap<>();
        byLibrary.forEach((library, n) -> result.merge(feature(library), n, Integer::sum));
        return result;
    }

    /**
     * A table of both applications' classes by feature, the largest difference first, and the libraries of "other
     * libraries" that differ by 20 classes or more.
     */
    static String markdown(Map<String, Integer> ours, Map<String, Integer> bare) {
        Map<String, Integer> o = byFeature(ours);
        Map<String, Integer> b = byFeature(bare);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """

                Classes loaded until the first page (`-Xlog:class+load`, one more start of each, its time not counted):
                ours %,d, the bare application %,d.

                | from | ours | bare | more in ours |
                |---|---|---|---|
                """, total(ours), total(bare)));
        Stream.concat(o.keySet().stream(), b.keySet().stream()).distinct()
                .sorted((x, y) -> Integer.compare(difference(o, b, y), difference(o, b, x)))
                .forEach(f -> md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d |%n", f,
                        o.getOrDefault(f, 0), b.getOrDefault(f, 0), difference(o, b, f))));
        List<String> others = Stream.concat(ours.keySet().stream(), bare.keySet().stream()).distinct()
                .filter(l -> feature(l).equals("other libraries") && Math.abs(difference(ours, bare, l)) >= 20)
                .sorted((x, y) -> Integer.compare(difference(ours, bare, y), difference(ours, bare, x)))
                .map(l -> String.format(Locale.ROOT, "%s %+d", l, difference(ours, bare, l))).toList();
        if (!others.isEmpty()) {
            md.append("\nOther libraries that differ by 20 classes or more: ").append(String.join(", ", others))
                    .append(".\n");
        }
        return md.toString();
    }

    private static int difference(Map<String, Integer> ours, Map<String, Integer> bare, String key) {
        return ours.getOrDefault(key, 0) - bare.getOrDefault(key, 0);
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
