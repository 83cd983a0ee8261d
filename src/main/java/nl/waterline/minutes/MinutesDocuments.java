package nl.waterline.minutes;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * The minutes as an HTML page and as Markdown. The templates only lay out what {@link Minutes} already
 * says in the session's language. HTML output relies on Qute's default escaping for every value people
 * typed; the only unescaped value is the word-cloud SVG, which {@link WordCloudSvg} escapes itself.
 */
@ApplicationScoped
public class MinutesDocuments {

    @CheckedTemplate(basePath = "minutes")
    static class Templates {
        // RawString rather than String: the one value the HTML template must not escape says so in its type.
        static native TemplateInstance html(Minutes minutes, String date, RawString wordCloudSvg);

        static native TemplateInstance markdown(Minutes minutes, String date);
    }

    public String html(Minutes m) {
        Objects.requireNonNull(m, "minutes");
        return Templates.html(m, date(m), new RawString(WordCloudSvg.render(m.wordCloud(), m.headings()))).render();
    }

    public String markdown(Minutes m) {
        Objects.requireNonNull(m, "minutes");
        return Templates.markdown(m, date(m)).render();
    }

    /** A date is the one value the read model leaves unformatted; it reads in the session's language. */
    static String date(Minutes m) {
        if (m.date() == null) {
            return "";
        }
        Locale locale = m.language() == null ? Locale.ROOT : Locale.forLanguageTag(m.language());
        return m.date().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
    }

    /**
     * The report names a role once for the perspectives that follow it (seed §3.2: "Uitvoering" over three
     * rows), so a row repeats its role only when it differs from the row above.
     */
    @TemplateExtension
    static boolean opensRole(Minutes.GroupTable table, int index) {
        return index == 0 || !Objects.equals(table.rows().get(index - 1).role(), table.rows().get(index).role());
    }
}
