package dev.weft.router.status;

import dev.weft.router.api.StatusSection;
import java.util.List;

/** A component's status section with fixed content, standing in for IPAM or DNS. */
record FakeSection(String service, List<StatusLine> summary, String detail, String reportKey, Object report)
        implements StatusSection {}
