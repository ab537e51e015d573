package az.opengov.nap.shared;

import java.util.ArrayList;
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
     * The page asked for, 0 when none is: anything but a whole number from 0 to {@link #MAX} is refused with a 400
     * that names it, in the reader's language, and nothing is read.
     */
    public static int of(String page) {
        List<FieldProblem> problems = new ArrayList<>();
        int number = WholeNumber.parse(page, 0, 0, MAX, "page", problems);
        if (!problems.isEmpty()) {
            throw new NapException(HttpStatus.BAD_REQUEST, "validation.paging", problems);
        }
        return number;
    }

    /** {@link #of(String)} of a parameter Spring has read as a number already. */
    public static int of(Integer page) {
        return of(page == null ? null : page.toString());
    }
}
