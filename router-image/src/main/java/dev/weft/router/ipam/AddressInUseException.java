package dev.weft.router.ipam;

/** A claim refused because another id holds the address here; {@code holder} is that id. */
public class AddressInUseException extends IpamException {
    private final String holder;

    public AddressInUseException(String message, String holder) {
        super(message);
        this.holder = holder;
    }

    public String holder() {
        return holder;
    }
}
