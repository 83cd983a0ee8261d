package nl.waterline.session;

import nl.waterline.template.StakeholderGroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Who is in the room, per stakeholder group and role, and which expected voices are missing: the
 * report noticed the clients' perspective was absent, and the tool should make that impossible to miss.
 */
public record Attendance(int total, List<GroupAttendance> groups, List<String> missingExpected) {

    public record GroupAttendance(String group, boolean expected, int count, List<RoleAttendance> roles) {
    }

    public record RoleAttendance(String role, int count) {
    }

    public static Attendance of(Session session) {
        Map<String, Integer> perRole = new HashMap<>();
        for (Participant p : session.participants()) {
            perRole.merge(p.group() + "/" + p.role(), 1, Integer::sum);
        }
        List<GroupAttendance> groups = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (StakeholderGroup group : session.template().groups()) {
            List<RoleAttendance> roles = new ArrayList<>();
            int groupCount = 0;
            for (StakeholderGroup.Role role : group.roles()) {
                int count = perRole.getOrDefault(group.id() + "/" + role.id(), 0);
                roles.add(new RoleAttendance(role.id(), count));
                groupCount += count;
            }
            groups.add(new GroupAttendance(group.id(), group.expected(), groupCount, roles));
            if (group.expected() && groupCount == 0) {
                missing.add(group.id());
            }
        }
        return new Attendance(session.participants().size(), groups, missing);
    }
}
