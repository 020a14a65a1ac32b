package jixiao.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the workbench's pages, and which requests may change anything.
 *
 * <p>The access token is given once (the link {@code jixiao serve} prints, or the login form) and exchanged for a
 * random session id in a cookie ({@code HttpOnly; SameSite=Strict; Path=/}, with a lifetime); the cookie never holds
 * the token, so another local service a browser visits — browsers send 127.0.0.1's cookies to every port — learns
 * nothing that opens the API. The API takes only the token, in a header. An edit needs the edit key of the session
 * (an HMAC of the session id under a secret of this process), which only this site's pages carry. Pages and saves are
 * answered only for a Host that is an address or {@code localhost} (or a name given with {@code --allow-host}), so a
 * DNS-rebound name of another site cannot reach them, and a state-changing request must come from this origin.
 */
final class Sessions {

    static final String COOKIE = "jixiao_session";
    /** How long a session lasts from its login. */
    static final long LIFETIME_SECONDS = 12 * 3600;
    /** Sessions kept at most (the oldest are forgotten first): a login loop cannot fill the memory. */
    static final int MAX_SESSIONS = 1_000;

    private final String token;
    private final byte[] secret = new byte[32];
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final Set<String> allowedHosts;
    private final SecureRandom random = new SecureRandom();

    Sessions(String token, Set<String> allowedHosts) {
        this.token = token;
        this.allowedHosts = Set.copyOf(allowedHosts);
        random.nextBytes(secret);
    }

    /** The API's check: the token, compared in constant time. */
    boolean isToken(String given) {
        return given != null && MessageDigest.isEqual(given.strip().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a session for a browser that gave the token: the cookie holds its random id, never the token. */
    void open(Context ctx) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        long now = System.currentTimeMillis();
        expiries.values().removeIf(t -> t < now);
        if (expiries.size() >= MAX_SESSIONS) {
            expiries.entrySet().stream().min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> expiries.remove(oldest.getKey()));
        }
        expiries.put(id, now + LIFETIME_SECONDS * 1000);
        ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + LIFETIME_SECONDS);
    }

    /** The request's session id, or null when it has none that is current. */
    String of(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) {
            return null;
        }
        Long until = expiries.get(id);
        if (until == null) {
            return null;
        }
        if (until < System.currentTimeMillis()) {
            expiries.remove(id);
            return null;
        }
        return id;
    }

    /** The name an analyst gave when publishing, kept for the session (asked once). */
    private final Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    String name(String session) {
        return session == null ? null : names.get(session);
    }

    void name(String session, String name) {
        if (session != null && name != null && !name.isBlank() && name.length() <= 80) {
            names.put(session, name.strip());
        }
    }

    /** The key a session's pages send with an edit: readable only by this site's pages, worthless in another session. */
    String editKey(String session) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("jixiao workbench edit " + session)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isEditKey(String session, String given) {
        return session != null && given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                editKey(session).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the request names this server as a browser reaches it directly: by an address, {@code localhost}, or
     * an allowed name. A page fetched under another site's name (DNS rebinding) is refused.
     */
    boolean hostAllowed(Context ctx) {
        String host = hostOf(ctx.header("Host"));
        if (host == null) {
            return false;
        }
        return host.equals("localhost") || allowedHosts.contains(host) || isAddress(host);
    }

    /** A state-changing request from a page must come from this very origin (when the browser says where from). */
    boolean sameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = ctx.header("Origin");
        return origin == null || origin.equals("http://" + ctx.header("Host"))
                || origin.equals("https://" + ctx.header("Host"));
    }

    /** The host of a Host header, lower case, without its port; null when it is missing or malformed. */
    static String hostOf(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean isAddress(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.startsWith("[") && host.endsWith("]");
    }
}
