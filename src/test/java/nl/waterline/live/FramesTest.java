package nl.waterline.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.waterline.picks.PickResults;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FramesTest {

    private static final ObjectMapper READER = new ObjectMapper();

    private static PickResults results(String term, int most) {
        return new PickResults(most, List.of(new PickResults.TermResult(term, false, most, 0, 0.0,
                List.of(new PickResults.GroupCount("gemeente", most, 0)),
                List.of(new PickResults.RoleCount("gemeente", "beleid", most, 0)))));
    }

    @Test
    void theResultsInAViewAreThoseOfThatViewAlsoWhenTheEncodingOfEarlierResultsIsReused() throws Exception {
        PickResults first = results("Verbinden", 3);
        PickResults next = results("Begrenzen", 5);
        String a = Frames.view("facilitator", 1, java.util.Map.of("results", first));
        String b = Frames.view("projector", 1, java.util.Map.of("results", first));
        String c = Frames.view("facilitator", 2, java.util.Map.of("results", next));

        ObjectMapper plain = new ObjectMapper();
        assertEquals(plain.valueToTree(first), READER.readTree(a).path("view").path("results"));
        assertEquals(plain.valueToTree(first), READER.readTree(b).path("view").path("results"));
        assertEquals(plain.valueToTree(next), READER.readTree(c).path("view").path("results"),
                "new results, not the encoding of the earlier ones");
        assertEquals(plain.valueToTree(next), Frames.JSON.valueToTree(java.util.Map.of("results", next)).path("results"),
                "a tree built from a view holds the results as a tree");
    }
}
