package dev.weft.router.status;

import dev.weft.router.api.StatusSection;
import java.util.Comparator;
import java.util.List;

/** The order services appear in {@code /status} and {@code /report}: router, ipam, dns, proxy, plugin, then others. */
final class SectionOrder implements Comparator<StatusSection> {

    private static final List<String> ORDER = List.of("router", "ipam", "dns", "proxy", "plugin");

    @Override
    public int compare(StatusSection a, StatusSection b) {
        return Integer.compare(rank(a), rank(b));
    }

    private static int rank(StatusSection section) {
        String service = section.service();
        for (int i = 0; i < ORDER.size(); i++) {
            if (service.equals(ORDER.get(i)) || service.startsWith(ORDER.get(i) + " ")) {
                return i;
            }
        }
        return ORDER.size();
    }
}
