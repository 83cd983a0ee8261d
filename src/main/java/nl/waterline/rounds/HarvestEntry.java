package nl.waterline.rounds;

/** One line of a stakeholder group's harvest; attributed to the group, never to a person. */
public record HarvestEntry(String id, String group, HarvestKind kind, String text) {
}
