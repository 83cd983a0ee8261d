package nl.waterline.template;

import java.util.List;
import java.util.Optional;

/**
 * What a session is made from: the question, the word cloud, the stakeholder groups and roles, the
 * seeded issues and the phases. A session keeps its own copy, so editing a template file never changes
 * a session that already ran.
 */
public record SessionTemplate(
        String id,
        String defaultLanguage,
        Localized title,
        Localized description,
        Localized question,
        Localized questionMost,
        Localized questionLeast,
        List<String> terms,
        int mostPicks,
        int leastPicks,
        boolean ownWordAllowed,
        boolean namesPublic,
        List<StakeholderGroup> groups,
        List<SeededIssue> issues,
        List<String> phases) {

    public SessionTemplate {
        terms = List.copyOf(terms);
        groups = List.copyOf(groups);
        issues = List.copyOf(issues);
        phases = List.copyOf(phases);
    }

    public Optional<StakeholderGroup> group(String groupId) {
        return groups.stream().filter(g -> g.id().equals(groupId)).findFirst();
    }
}
