package io.zinit4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every service file the recordings wrote must survive our read and write unchanged in meaning. */
class TranscriptFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    private static List<String[]> files() {
        List<String[]> out = new ArrayList<>();
        for (JsonNode row : RecordedRows.rows()) {
            if (row.has("file") && row.has("content")) {
                String path = row.get("file").asText();
                String name = path.substring(path.lastIndexOf('/') + 1).replace(".yaml", "");
                out.add(new String[] {name, row.get("content").asText()});
            }
        }
        return out;
    }

    @Test
    void everyRecordedServiceFileRoundTrips() throws Exception {
        List<String[]> files = files();
        assertFalse(files.isEmpty(), "no file rows in the transcripts");
        ServiceFiles store = new ServiceFiles(dir);
        for (String[] f : files) {
            String original = f[1];
            ServiceConfig config = ServiceConfig.fromYaml(original);
            String written = config.toYaml();
            Map<?, ?> before = YAML.readValue(original, Map.class);
            Map<?, ?> after = YAML.readValue(written, Map.class);
            assertEquals(before, after, "meaning changed for " + f[0] + ":\n" + original + "---\n" + written);
            assertEquals(config, ServiceConfig.fromYaml(written));
            store.add(f[0], config);
            assertEquals(config, store.load(f[0]), f[0]);
        }
        assertTrue(store.list().contains("web"));
    }

    @Test
    void everyServiceGetResultReadsAsAConfig() {
        int seen = 0;
        for (JsonNode row : RecordedRows.rows()) {
            if (!row.path("request").asText("").contains("\"service_get\"")) {
                continue;
            }
            for (JsonNode doc : RecordedRows.responses(row)) {
                JsonNode result = doc.get("result");
                if (result != null && result.isObject()) {
                    Map<String, Object> map = RecordedRows.JSON.convertValue(result,
                            new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
                    ServiceConfig c = ServiceConfig.fromMap(map);
                    assertEquals(map.get("exec"), c.exec());
                    assertEquals(c, ServiceConfig.fromMap(c.toMap()));
                    seen++;
                }
            }
        }
        assertTrue(seen > 0, "no service_get result in the transcripts");
    }
}
