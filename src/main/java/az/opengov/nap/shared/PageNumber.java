package az.opengov.nap.shared;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The page a list is asked for, from 0 to {@link #MAX}: enough for any list here at any page size, and small enough
 * that a page's first row (page × size, sizes up to 500) is a whole number the database takes.
 */
public final class PageNumber {

    public static final int MAX = 1_000_000;

    private PageNumber() {
    }

    /**
     * The page asked for, 0 when none is: anything outside 0 to {@link #MAX} is refused with a 400 that names it, in
     * the reader's language, and nothing is read.
     */
    public static int of(Integer page) {
        if (page == null) {
            return 0;
        }
        if (page < 0 || page > MAX) {
            throw new NapException(HttpStatus.BAD_REQUEST, "validation.paging",
                    List.of(FieldProblem.of("page", "validation.wholeNumber", page, 0, MAX)));
        }
        return page;
    }
}
