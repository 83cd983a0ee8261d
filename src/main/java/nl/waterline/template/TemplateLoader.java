package nl.waterline.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads session templates from YAML (or JSON) files. Validation walks the tree by hand rather than
 * binding straight into records, so that every error names the file and the exact field a
 * facilitator has to fix.
 */
public final class TemplateLoader {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
    private static final int MAX_TERM_LENGTH = 60;
    private static final Set<String> KNOWN_FIELDS = Set.of("id", "defaultLanguage", "title", "description",
            "question", "questionMost", "questionLeast", "terms", "mostPicks", "leastPicks", "ownWordAllowed",
            "namesPublic", "groups", "issues", "phases");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** All templates of a folder; broken files are reported, never partly loaded. */
    public TemplateSet loadDirectory(Path folder) {
        List<SessionTemplate> templates = new ArrayList<>();
        List<TemplateProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            problems.add(new TemplateProblem(folder.toString(), "-", "template folder does not exist"));
            return new TemplateSet(templates, problems);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(TemplateLoader::isTemplateFile).sorted().toList();
        } catch (IOException e) {
            problems.add(new TemplateProblem(folder.toString(), "-", "cannot read folder: " + e.getMessage()));
            return new TemplateSet(templates, problems);
        }
        Map<String, String> fileById = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                SessionTemplate template = load(file);
                String earlier = fileById.putIfAbsent(template.id(), file.getFileName().toString());
                if (earlier != null) {
                    problems.add(new TemplateProblem(file.getFileName().toString(), "id",
                            "template id '" + template.id() + "' is already used by " + earlier));
                } else {
                    templates.add(template);
                }
            } catch (TemplateException e) {
                problems.add(e.problem());
            }
        }
        return new TemplateSet(templates, problems);
    }

    static boolean isTemplateFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    public SessionTemplate load(Path file) throws TemplateException {
        String name = file.getFileName().toString();
        try {
            return parse(name, Files.readString(file));
        } catch (IOException e) {
            throw new TemplateException(new TemplateProblem(name, "-", "cannot read file: " + e.getMessage()));
        }
    }

    public SessionTemplate parse(String fileName, String text) throws TemplateException {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new TemplateException(new TemplateProblem(fileName, "-",
                    "not valid YAML" + where + ": " + e.getOriginalMessage()));
        }
        return new Reader(fileName).template(root);
    }

    /** Validation of one file; the first problem found stops the load. */
    private static final class Reader {
        private final String file;

        Reader(String file) {
            this.file = file;
        }

        private TemplateException problem(String field, String message) {
            return new TemplateException(new TemplateProblem(file, field, message));
        }

        SessionTemplate template(JsonNode root) throws TemplateException {
            if (root == null || !root.isObject()) {
                throw problem("-", "the file must hold a mapping of template fields");
            }
            for (var it = root.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!KNOWN_FIELDS.contains(field)) {
                    throw problem(field, "unknown field (known: " + String.join(", ", KNOWN_FIELDS.stream().sorted().toList()) + ")");
                }
            }
            String id = id(root, "id");
            String language = text(root, "defaultLanguage");
            if (!language.equals("nl") && !language.equals("en")) {
                throw problem("defaultLanguage", "must be nl or en, was '" + language + "'");
            }
            Localized title = localized(root, "title");
            Localized description = localized(root, "description");
            Localized question = localized(root, "question");
            Localized questionMost = localized(root, "questionMost");
            Localized questionLeast = localized(root, "questionLeast");
            List<String> terms = terms(root);
            int most = count(root, "mostPicks");
            int least = count(root, "leastPicks");
            boolean ownWord = bool(root, "ownWordAllowed", true);
            boolean namesPublic = bool(root, "namesPublic", false);
            List<StakeholderGroup> groups = groups(root);
            List<SeededIssue> issues = issues(root);
            List<String> phases = phases(root);
            return new SessionTemplate(id, language, title, description, question, questionMost, questionLeast,
                    terms, most, least, ownWord, namesPublic, groups, issues, phases);
        }

        private JsonNode required(JsonNode parent, String field, String path) throws TemplateException {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                throw problem(path, "is required");
            }
            return node;
        }

        private String text(JsonNode parent, String field) throws TemplateException {
            return text(parent, field, field);
        }

        private String text(JsonNode parent, String field, String path) throws TemplateException {
            JsonNode node = required(parent, field, path);
            if (!node.isTextual() || node.asText().isBlank()) {
                throw problem(path, "must be a non-empty text");
            }
            return node.asText().strip();
        }

        private String id(JsonNode parent, String path) throws TemplateException {
            return id(parent, "id", path);
        }

        private String id(JsonNode parent, String field, String path) throws TemplateException {
            String id = text(parent, field, path);
            if (!ID.matcher(id).matches()) {
                throw problem(path, "'" + id + "' must be lower-case letters, digits and dashes (at most 60)");
            }
            return id;
        }

        private Localized localized(JsonNode parent, String path) throws TemplateException {
            return localized(parent, path.substring(path.lastIndexOf('.') + 1), path);
        }

        private Localized localized(JsonNode parent, String field, String path) throws TemplateException {
            JsonNode node = required(parent, field, path);
            if (!node.isObject()) {
                throw problem(path, "must have an 'nl' and an 'en' text");
            }
            return new Localized(text(node, "nl", path + ".nl"), text(node, "en", path + ".en"));
        }

        private List<String> terms(JsonNode root) throws TemplateException {
            JsonNode node = required(root, "terms", "terms");
            if (!node.isArray() || node.size() < 2) {
                throw problem("terms", "must be a list of at least 2 terms");
            }
            List<String> terms = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "terms[" + i + "]";
                JsonNode term = node.get(i);
                if (!term.isTextual() || term.asText().isBlank()) {
                    throw problem(path, "must be a non-empty text");
                }
                String text = term.asText().strip().replaceAll("\\s+", " ");
                if (text.length() > MAX_TERM_LENGTH) {
                    throw problem(path, "is longer than " + MAX_TERM_LENGTH + " characters");
                }
                if (!seen.add(text.toLowerCase(Locale.ROOT))) {
                    throw problem(path, "duplicate term '" + text + "'");
                }
                terms.add(text);
            }
            return terms;
        }

        private int count(JsonNode root, String field) throws TemplateException {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return 2;
            }
            if (!node.isInt() || node.asInt() < 1) {
                throw problem(field, "must be a whole number of at least 1");
            }
            return node.asInt();
        }

        private boolean bool(JsonNode root, String field, boolean fallback) throws TemplateException {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isBoolean()) {
                throw problem(field, "must be true or false");
            }
            return node.asBoolean();
        }

        private List<StakeholderGroup> groups(JsonNode root) throws TemplateException {
            JsonNode node = required(root, "groups", "groups");
            if (!node.isArray() || node.isEmpty()) {
                throw problem("groups", "must be a list of at least 1 stakeholder group");
            }
            List<StakeholderGroup> groups = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "groups[" + i + "]";
                JsonNode group = node.get(i);
                if (!group.isObject()) {
                    throw problem(path, "must be a mapping with id, name and roles");
                }
                String id = id(group, path + ".id");
                if (!ids.add(id)) {
                    throw problem(path + ".id", "duplicate group id '" + id + "'");
                }
                Localized name = localized(group, "name", path + ".name");
                boolean expected = bool(group, "expected", false);
                JsonNode rolesNode = required(group, "roles", path + ".roles");
                if (!rolesNode.isArray() || rolesNode.isEmpty()) {
                    throw problem(path + ".roles", "must be a list of at least 1 role");
                }
                List<StakeholderGroup.Role> roles = new ArrayList<>();
                Set<String> roleIds = new HashSet<>();
                for (int r = 0; r < rolesNode.size(); r++) {
                    String rolePath = path + ".roles[" + r + "]";
                    JsonNode role = rolesNode.get(r);
                    if (!role.isObject()) {
                        throw problem(rolePath, "must be a mapping with id and name");
                    }
                    String roleId = id(role, rolePath + ".id");
                    if (!roleIds.add(roleId)) {
                        throw problem(rolePath + ".id", "duplicate role id '" + roleId + "'");
                    }
                    roles.add(new StakeholderGroup.Role(roleId, localized(role, "name", rolePath + ".name")));
                }
                groups.add(new StakeholderGroup(id, name, expected, roles));
            }
            return groups;
        }

        private List<SeededIssue> issues(JsonNode root) throws TemplateException {
            JsonNode node = root.get("issues");
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw problem("issues", "must be a list");
            }
            List<SeededIssue> issues = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "issues[" + i + "]";
                JsonNode issue = node.get(i);
                if (!issue.isObject()) {
                    throw problem(path, "must be a mapping with id and title");
                }
                String id = id(issue, path + ".id");
                if (!ids.add(id)) {
                    throw problem(path + ".id", "duplicate issue id '" + id + "'");
                }
                issues.add(new SeededIssue(id, localized(issue, "title", path + ".title")));
            }
            return issues;
        }

        private List<String> phases(JsonNode root) throws TemplateException {
            JsonNode node = required(root, "phases", "phases");
            if (!node.isArray() || node.isEmpty()) {
                throw problem("phases", "must be a list of phases starting with join");
            }
            List<String> phases = new ArrayList<>();
            int lastOrdinal = -1;
            for (int i = 0; i < node.size(); i++) {
                String path = "phases[" + i + "]";
                String id = node.get(i).asText("");
                Phase phase = Phase.byId(id).orElseThrow(() -> problem(path, "unknown phase '" + id + "' (known: "
                        + String.join(", ", java.util.Arrays.stream(Phase.values()).map(Phase::id).toList()) + ")"));
                if (phase.ordinal() <= lastOrdinal) {
                    throw problem(path, "phase '" + id + "' is repeated or out of order");
                }
                lastOrdinal = phase.ordinal();
                phases.add(id);
            }
            if (!phases.get(0).equals(Phase.JOIN.id())) {
                throw problem("phases[0]", "the first phase must be join");
            }
            return phases;
        }
    }
}
