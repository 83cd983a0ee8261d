package nl.waterline.picks;

import java.util.Collection;
import java.util.List;

/**
 * The word-cloud results: per term, MOST and LEAST overall, per stakeholder group and per group and
 * role. Differences between groups are the result the room should see, so each term also gets a
 * {@code divergence}: how far apart the group that embraces it most and the group that rejects it most are.
 */
public record PickResults(int participantsWithPicks, List<TermResult> terms) {

    public record TermResult(String term, boolean own, int most, int least, double divergence,
                             List<GroupCount> byGroup, List<RoleCount> byRole) {
    }

    public record GroupCount(String group, int most, int least) {
    }

    public record RoleCount(String group, String role, int most, int least) {
    }

    /**
     * @param terms      the word cloud, in template order
     * @param ownWords   own words written in this session
     * @param groupOrder the template's group ids, so tables read in the same order everywhere
     */
    public static PickResults tally(List<String> terms, List<String> ownWords, Collection<? extends Picker> pickers,
                                    List<String> groupOrder) {
        PickTally tally = new PickTally(terms, groupOrder);
        ownWords.forEach(tally::ownWord);
        pickers.forEach(tally::joined);
        return tally.results();
    }
}
