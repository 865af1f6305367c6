package io.zinit4j.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.zinit4j.error.ServiceFileFormatException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps service files to and from YAML and object trees; the one place that knows zinit's key names. Thread-safe. */
final class ServiceConfigCodec {
    private static final Set<String> KNOWN =
            Set.of("exec", "test", "oneshot", "shutdown_timeout", "after", "signal", "log", "env", "dir");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
            // zinit's YAML reader refuses a key given twice; so do we, rather than silently keep the last one.
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ServiceConfigCodec() {
    }

    static ServiceConfig fromYaml(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw new ServiceFileFormatException("empty service file: a service needs an exec command");
        }
        Object tree;
        try {
            tree = YAML.readValue(yaml, Object.class);
        } catch (JsonProcessingException e) {
            throw new ServiceFileFormatException("malformed service file YAML: " + e.getOriginalMessage(), e);
        }
        if (!(tree instanceof Map)) {
            throw new ServiceFileFormatException("a service file must be a YAML mapping, got: " + describe(tree));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> map = (Map<String, ?>) tree;
        return fromMap(map);
    }

    static ServiceConfig fromMap(Map<String, ?> map) {
        ServiceConfig.Builder b = ServiceConfig.builder();
        Object exec = map.get("exec");
        if (exec == null) {
            throw new ServiceFileFormatException("a service file needs an exec command");
        }
        b.exec(string("exec", exec));
        if (map.get("test") != null) {
            String test = string("test", map.get("test"));
            b.test(test.isEmpty() ? null : test);
        }
        if (map.get("oneshot") != null) {
            b.oneshot(bool("oneshot", map.get("oneshot")));
        }
        if (map.get("shutdown_timeout") != null) {
            b.shutdownTimeout(Duration.ofSeconds(seconds(map.get("shutdown_timeout"))));
        }
        Object after = map.get("after");
        if (after instanceof List) {
            for (Object o : (List<?>) after) {
                b.after(string("after", o));
            }
        } else if (after != null) {
            throw new ServiceFileFormatException("after must be a list of service names, got: " + describe(after));
        }
        Object signal = map.get("signal");
        if (signal instanceof Map) {
            Object stop = ((Map<?, ?>) signal).get("stop");
            if (stop != null) {
                String s = string("signal.stop", stop);
                // zinit upper-cases the text and wants a full signal name (sigterm, SIGKILL); it refuses TERM or 15,
                // so we do too rather than silently turn a file zinit rejects into one it accepts.
                if (!s.strip().toUpperCase(java.util.Locale.ROOT).startsWith("SIG")) {
                    throw new ServiceFileFormatException("signal.stop must be a signal name such as SIGTERM, got: "
                            + s);
                }
                b.stopSignal(Signal.find(s).orElseThrow(
                        () -> new ServiceFileFormatException("signal.stop names no known signal: " + s)));
            }
        } else if (signal != null) {
            throw new ServiceFileFormatException("signal must be a mapping such as {stop: SIGTERM}, got: "
                    + describe(signal));
        }
        if (map.containsKey("log")) {
            Object log = map.get("log");
            try {
                b.log(log == null ? LogType.NONE : LogType.parse(string("log", log)));
            } catch (IllegalArgumentException e) {
                throw new ServiceFileFormatException(e.getMessage(), e);
            }
        }
        Object env = map.get("env");
        if (env instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) env).entrySet()) {
                b.env(String.valueOf(e.getKey()), e.getValue() == null ? "" : scalar("env." + e.getKey(), e.getValue()));
            }
        } else if (env != null) {
            throw new ServiceFileFormatException("env must be a mapping of names to values, got: " + describe(env));
        }
        if (map.get("dir") != null) {
            b.dir(string("dir", map.get("dir")));
        }
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (!KNOWN.contains(e.getKey())) {
                b.extra(e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    static Map<String, Object> toMap(ServiceConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exec", c.exec());
        c.test().ifPresent(t -> m.put("test", t));
        if (c.oneshotSet()) {
            m.put("oneshot", c.oneshot());
        }
        c.shutdownTimeout().ifPresent(d -> m.put("shutdown_timeout", d.getSeconds()));
        if (!c.after().isEmpty()) {
            m.put("after", c.after());
        }
        c.stopSignal().ifPresent(s -> m.put("signal", Map.of("stop", s.name())));
        c.log().ifPresent(l -> m.put("log", l.yamlName()));
        if (!c.env().isEmpty()) {
            m.put("env", c.env());
        }
        c.dir().ifPresent(d -> m.put("dir", d));
        m.putAll(c.extra());
        return m;
    }

    static String toYaml(ServiceConfig c) {
        try {
            return YAML.writeValueAsString(toMap(c));
        } catch (JsonProcessingException e) {
            throw new ServiceFileFormatException("cannot write service file as YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static String string(String key, Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        throw new ServiceFileFormatException(key + " must be a string, got: " + describe(v));
    }

    private static String scalar(String key, Object v) {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw new ServiceFileFormatException(key + " must be a scalar value, got: " + describe(v));
    }

    private static boolean bool(String key, Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new ServiceFileFormatException(key + " must be true or false, got: " + describe(v));
    }

    private static long seconds(Object v) {
        if (v instanceof Number && ((Number) v).longValue() >= 0
                && ((Number) v).doubleValue() == ((Number) v).longValue()) {
            return ((Number) v).longValue();
        }
        throw new ServiceFileFormatException("shutdown_timeout must be a whole number of seconds, got: "
                + describe(v));
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : v.getClass().getSimpleName() + " " + v;
    }
}
