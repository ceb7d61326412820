package dev.portcullis.compiler.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reading and schema codes (PC001-PC049): stable ids, unique, and templates that render. */
class ReadingDiagnosticCodesTest {

    private static List<DiagnosticCode> readingCodes() {
        return Arrays.stream(DiagnosticCode.values())
                .filter(c -> Integer.parseInt(c.id().substring(2)) <= 49)
                .collect(Collectors.toList());
    }

    @Test
    void idsAreUniqueAndFindable() {
        List<String> ids = readingCodes().stream().map(DiagnosticCode::id).collect(Collectors.toList());
        assertThat(ids).doesNotHaveDuplicates();
        readingCodes().forEach(code -> assertThat(DiagnosticCode.byId(code.id())).isSameAs(code));
    }

    @Test
    void idsThatFixturesAndDocsCiteDoNotMove() {
        assertThat(DiagnosticCode.UNKNOWN_FIELD.id()).isEqualTo("PC015");
        assertThat(DiagnosticCode.INVALID_VALUE.id()).isEqualTo("PC017");
        assertThat(DiagnosticCode.INVALID_REGEX.id()).isEqualTo("PC023");
        assertThat(DiagnosticCode.STATE_CONDITION_UNSUPPORTED.id()).isEqualTo("PC031");
        assertThat(DiagnosticCode.STATE_COUNTER_UNUSED.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void everyTemplateRendersWithArgumentsOfItsConversions() {
        Matcher conversion = Pattern.compile("%([sd])").matcher("");
        for (DiagnosticCode code : readingCodes()) {
            List<Object> args = new ArrayList<>();
            conversion.reset(code.template());
            while (conversion.find()) {
                args.add(conversion.group(1).equals("d") ? (Object) 7 : "x");
            }
            assertThat(code.format(args.toArray())).as(code.id()).doesNotContain("%").isNotBlank();
        }
    }
}
