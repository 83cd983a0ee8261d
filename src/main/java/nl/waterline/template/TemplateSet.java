package nl.waterline.template;

import java.util.List;
import java.util.Optional;

/** The templates that loaded, and the files that did not. */
public record TemplateSet(List<SessionTemplate> templates, List<TemplateProblem> problems) {

    public TemplateSet {
        templates = List.copyOf(templates);
        problems = List.copyOf(problems);
    }

    public Optional<SessionTemplate> byId(String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
