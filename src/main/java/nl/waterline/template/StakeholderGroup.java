package nl.waterline.template;

import java.util.List;
import java.util.Optional;

/** A stakeholder group with the roles (layers) a participant can speak for within it. */
public record StakeholderGroup(String id, Localized name, boolean expected, List<Role> roles) {

    public StakeholderGroup {
        roles = List.copyOf(roles);
    }

    public Optional<Role> role(String roleId) {
        return roles.stream().filter(r -> r.id().equals(roleId)).findFirst();
    }

    public record Role(String id, Localized name) {
    }
}
