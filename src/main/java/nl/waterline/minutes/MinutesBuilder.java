package nl.waterline.minutes;

import nl.waterline.notes.Issue;
import nl.waterline.notes.Note;
import nl.waterline.notes.NoteKind;
import nl.waterline.notes.Perspective;
import nl.waterline.notes.Waterline;
import nl.waterline.picks.PickKind;
import nl.waterline.picks.PickResults;
import nl.waterline.rounds.DiscussionKind;
import nl.waterline.rounds.DiscussionNote;
import nl.waterline.rounds.HarvestKind;
import nl.waterline.rounds.QuestionStatus;
import nl.waterline.session.Attendance;
import nl.waterline.session.Participant;
import nl.waterline.session.Session;
import nl.waterline.subgroups.Subgroup;
import nl.waterline.template.StakeholderGroup;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a session into its minutes: resolves ids to names in the session's language, orders the word
 * cloud by divergence, and lays out every issue as the report did (introduction, then per stakeholder
 * group: role · perspective · quotes). Participants appear only as group and role.
 */
public final class MinutesBuilder {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private final Session session;
    private final String language;
    private final Minutes.Headings headings;

    private final Map<String, Integer> presentPerRole = new HashMap<>();

    private MinutesBuilder(Session session) {
        this.session = session;
        this.language = session.language();
        this.headings = MinutesHeadings.of(language);
        session.participants().forEach(p -> presentPerRole.merge(p.group() + "/" + p.role(), 1, Integer::sum));
    }

    /** Fewer than three people in a role: naming the role would name them, so the minutes say only the group. */
    private boolean hidden(String groupId, String roleId) {
        return roleId != null && session.mergeSmallRoles() && presentPerRole.getOrDefault(groupId + "/" + roleId, 0) < 3;
    }

    public static Minutes build(Session session) {
        return new MinutesBuilder(session).build();
    }

    private Minutes build() {
        return new Minutes(language, session.title(), session.createdAt().atZone(ZONE).toLocalDate(),
                session.template().title().in(language), session.series(), headings, attendance(), wordCloud(),
                subgroups(), questions(false), questions(true), discussion(), harvest(), issues());
    }

    private String groupName(String groupId) {
        return session.template().group(groupId).map(g -> g.name().in(language)).orElse(groupId);
    }

    private String roleName(String groupId, String roleId) {
        if (roleId == null) {
            return "—";
        }
        if (hidden(groupId, roleId)) {
            return MinutesHeadings.mergedRoles(language);
        }
        return session.template().group(groupId).flatMap(g -> g.role(roleId)).map(r -> r.name().in(language)).orElse(roleId);
    }

    private String label(String groupId, String roleId) {
        return hidden(groupId, roleId) ? groupName(groupId) : groupName(groupId) + " · " + roleName(groupId, roleId);
    }

    private Minutes.Attendance attendance() {
        Attendance a = Attendance.of(session);
        List<Minutes.GroupCount> groups = a.groups().stream()
                .map(g -> new Minutes.GroupCount(groupName(g.group()), g.count(), roleCounts(g)))
                .toList();
        List<String> missing = a.missingExpected().stream().map(this::groupName).toList();
        return new Minutes.Attendance(a.total(), groups, missing, MinutesHeadings.missingSentence(language, missing));
    }

    private List<Minutes.RoleCount> roleCounts(Attendance.GroupAttendance g) {
        List<Minutes.RoleCount> roles = new ArrayList<>();
        int merged = 0;
        for (Attendance.RoleAttendance r : g.roles()) {
            if (r.count() > 0 && hidden(g.group(), r.role())) {
                merged += r.count();
            } else {
                roles.add(new Minutes.RoleCount(roleName(g.group(), r.role()), r.count()));
            }
        }
        if (merged > 0) {
            roles.add(new Minutes.RoleCount(MinutesHeadings.mergedRoles(language), merged));
        }
        return roles;
    }

    private Minutes.WordCloud wordCloud() {
        PickResults results = PickResults.tally(session.template().terms(), session.ownWords(), session.participants(),
                session.template().groups().stream().map(StakeholderGroup::id).toList());
        List<StakeholderGroup> groups = session.template().groups();
        List<Minutes.TermLine> terms = results.terms().stream()
                .filter(t -> t.most() + t.least() > 0)
                .sorted(Comparator.comparingDouble(PickResults.TermResult::divergence).reversed()
                        .thenComparing(Comparator.comparingInt((PickResults.TermResult t) -> t.most() + t.least()).reversed())
                        .thenComparing(PickResults.TermResult::term))
                .map(t -> {
                    Map<String, PickResults.GroupCount> byGroup = new HashMap<>();
                    t.byGroup().forEach(g -> byGroup.put(g.group(), g));
                    List<Minutes.GroupPicks> perGroup = groups.stream().map(g -> {
                        PickResults.GroupCount c = byGroup.get(g.id());
                        return new Minutes.GroupPicks(g.name().in(language), c == null ? 0 : c.most(), c == null ? 0 : c.least());
                    }).toList();
                    return new Minutes.TermLine(t.term(), t.own(), t.most(), t.least(), t.divergence(), perGroup);
                })
                .toList();
        return new Minutes.WordCloud(results.participantsWithPicks(), groups.stream().map(g -> g.name().in(language)).toList(), terms);
    }

    private List<Minutes.SubgroupComposition> subgroups() {
        List<Minutes.SubgroupComposition> list = new ArrayList<>();
        for (Subgroup sg : session.subgroups()) {
            List<String> members = sg.members().stream().map(session::participant).flatMap(java.util.Optional::stream)
                    .map(p -> label(p.group(), p.role())).sorted().toList();
            list.add(new Minutes.SubgroupComposition(sg.label(), members));
        }
        return list;
    }

    private String subgroupLabel(String subgroupId) {
        return session.subgroups().stream().filter(s -> s.id().equals(subgroupId)).map(Subgroup::label).findFirst().orElse("–");
    }

    private List<Minutes.QuestionLine> questions(boolean parkedOnly) {
        return session.questions().stream()
                .filter(q -> !parkedOnly || q.status() == QuestionStatus.PARKED)
                .map(q -> new Minutes.QuestionLine(subgroupLabel(q.subgroup()), q.text(),
                        MinutesHeadings.questionStatus(language, q.status())))
                .toList();
    }

    private List<Minutes.SubgroupDiscussion> discussion() {
        Map<String, List<DiscussionNote>> bySubgroup = new LinkedHashMap<>();
        session.discussion().forEach(d -> bySubgroup.computeIfAbsent(d.subgroup(), k -> new ArrayList<>()).add(d));
        List<Minutes.SubgroupDiscussion> list = new ArrayList<>();
        bySubgroup.forEach((subgroup, notes) -> list.add(new Minutes.SubgroupDiscussion(subgroupLabel(subgroup),
                lines(notes, DiscussionKind.DIFFERENCE), lines(notes, DiscussionKind.SIMILARITY))));
        return list;
    }

    private List<Minutes.DiscussionLine> lines(List<DiscussionNote> notes, DiscussionKind kind) {
        return notes.stream().filter(n -> n.kind() == kind)
                .map(n -> new Minutes.DiscussionLine(n.text(), n.groups().stream().map(this::groupName).toList())).toList();
    }

    private List<Minutes.GroupHarvest> harvest() {
        List<Minutes.GroupHarvest> list = new ArrayList<>();
        for (StakeholderGroup g : session.template().groups()) {
            List<String> heard = session.harvest().stream().filter(h -> h.group().equals(g.id()) && h.kind() == HarvestKind.HEARD)
                    .map(h -> h.text()).toList();
            List<String> continuing = session.harvest().stream().filter(h -> h.group().equals(g.id()) && h.kind() == HarvestKind.CONTINUE)
                    .map(h -> h.text()).toList();
            if (!heard.isEmpty() || !continuing.isEmpty()) {
                list.add(new Minutes.GroupHarvest(g.name().in(language), heard, continuing));
            }
        }
        return list;
    }

    private String waterline(Waterline w) {
        if (w == null) {
            return null;
        }
        return w == Waterline.ABOVE ? headings.aboveWaterline() : headings.belowWaterline();
    }

    /** Per issue and group: the facilitator's perspective statements with their quotes, or else what was captured. */
    private List<Minutes.IssueSection> issues() {
        Map<String, Note> notesById = new HashMap<>();
        session.notes().forEach(n -> notesById.put(n.id(), n));
        List<Minutes.IssueSection> sections = new ArrayList<>();
        for (Issue issue : session.issues()) {
            List<Minutes.GroupTable> tables = new ArrayList<>();
            for (StakeholderGroup g : session.template().groups()) {
                List<Minutes.PerspectiveRow> rows = new ArrayList<>();
                for (Perspective p : session.perspectives()) {
                    if (p.issue().equals(issue.id()) && p.group().equals(g.id())) {
                        rows.add(new Minutes.PerspectiveRow(roleName(g.id(), p.role()), p.text(),
                                p.quotes().stream().map(notesById::get).filter(Objects::nonNull).map(Note::text).toList(),
                                waterline(p.waterline())));
                    }
                }
                // Once the facilitator has written a group's perspectives on an issue, those are the minutes
                // for that group; until then what was captured stands in, so nothing noted is left out.
                if (rows.isEmpty()) {
                    rows.addAll(capturedRows(issue, g));
                }
                if (!rows.isEmpty()) {
                    tables.add(new Minutes.GroupTable(g.name().in(language), rows));
                }
            }
            sections.add(new Minutes.IssueSection(issue.title(), session.issueIntro(issue.id()), tables));
        }
        return sections;
    }

    private List<Minutes.PerspectiveRow> capturedRows(Issue issue, StakeholderGroup g) {
        List<Minutes.PerspectiveRow> rows = new ArrayList<>();
        Map<String, List<Note>> quotesByRole = new LinkedHashMap<>();
        for (Note n : session.notes()) {
            if (!issue.id().equals(n.issue()) || !n.group().equals(g.id())) {
                continue;
            }
            if (n.kind() == NoteKind.PERSPECTIVE) {
                rows.add(new Minutes.PerspectiveRow(roleName(g.id(), n.role()), n.text(), List.of(), waterline(n.waterline())));
            } else {
                quotesByRole.computeIfAbsent(n.role() == null ? "" : n.role(), k -> new ArrayList<>()).add(n);
            }
        }
        quotesByRole.forEach((role, quotes) -> rows.add(new Minutes.PerspectiveRow(
                roleName(g.id(), role.isEmpty() ? null : role), "",
                quotes.stream().map(Note::text).toList(), waterline(quotes.get(0).waterline()))));
        return rows;
    }

    /** The raw picks, one row per pick, anonymous, with small roles merged into their group as in the minutes. */
    public static List<CsvPicks.PickRow> pickRows(Session session) {
        return new MinutesBuilder(session).picks();
    }

    private List<CsvPicks.PickRow> picks() {
        List<CsvPicks.PickRow> rows = new ArrayList<>();
        List<String> ownWords = session.ownWords();
        for (Participant p : session.participants()) {
            for (PickKind kind : PickKind.values()) {
                for (String term : p.picks(kind)) {
                    rows.add(new CsvPicks.PickRow(term, kind.name(), groupName(p.group()), roleName(p.group(), p.role()),
                            ownWords.contains(term)));
                }
            }
        }
        return rows;
    }
}
