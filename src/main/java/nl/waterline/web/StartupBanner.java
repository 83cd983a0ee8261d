package nl.waterline.web;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import nl.waterline.live.JoinLinks;

/** Tells the facilitator where to open Waterline and where phones join, once it is ready. */
@ApplicationScoped
public class StartupBanner {

    @Inject
    JoinLinks links;

    @Inject
    OrganiserAccess organisers;

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.TEST) {
            return;
        }
        String local = "http://localhost:" + links.port() + "/";
        StringBuilder banner = new StringBuilder("\n\n  Waterline is ready.\n")
                .append("  Facilitator (open on this machine): ").append(local).append('\n')
                .append("  Phones join at:                     ").append(links.baseUrl()).append("/join\n");
        if (organisers.keyWasGenerated()) {
            banner.append("  Organiser key (to create sessions from another machine): ").append(organisers.key())
                    .append("\n  (a new key every start; set waterline.organiser-key to keep one)\n");
        }
        System.out.println(banner);
    }
}
