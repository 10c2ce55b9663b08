package io.entrasync.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /directoryObjects/getByIds} as Graph's "directoryObject: getByIds" documents it: body
 * {@code {"ids":[…],"types":["user"]}} with at most {@value #MAX_IDS} ids; the answer lists the objects that exist
 * ({@code @odata.type}, {@code id} and a few properties, "truncated for brevity" like the doc's example), in no
 * promised order; unknown, soft-deleted and purged ids are left out. This simulator holds users only.
 */
final class GetByIds {

    static final int MAX_IDS = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GetByIds() {
    }

    /** The answer's status and body for one request body. */
    record Answer(int status, byte[] body) {
    }

    static Answer answer(TenantDirectory directory, byte[] requestBody) {
        List<String> ids = new ArrayList<>();
        boolean users = true;
        try {
            JsonNode request = JSON.readTree(requestBody);
            for (JsonNode id : request.path("ids")) {
                ids.add(id.asString());
            }
            if (request.has("types")) {
                users = false;
                for (JsonNode type : request.get("types")) {
                    String name = type.asString().toLowerCase(Locale.ROOT);
                    users |= name.equals("user") || name.equals("directoryobject");
                }
            }
        } catch (JacksonException e) {
            return new Answer(400, SimulatorHandler.graphError("BadRequest", "Invalid request body."));
        }
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            return new Answer(400, SimulatorHandler.graphError("Request_BadRequest",
                    "ids must name between 1 and " + MAX_IDS + " objects; " + ids.size() + " were given."));
        }
        JsonOut json = new JsonOut(64 + ids.size() * 96).beginObject()
                .field("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#directoryObjects")
                .name("value").beginArray();
        directory.lock.readLock().lock();
        try {
            for (String id : users ? ids : List.<String>of()) {
                int index = directory.userIds.index(id);
                if (index >= 0 && index < directory.userCount && directory.isLive(index)) {
                    json.beginObject().field("@odata.type", "#microsoft.graph.user").field("id", directory.userId(index))
                            .endObject();
                }
            }
        } finally {
            directory.lock.readLock().unlock();
        }
        return new Answer(200, json.endArray().endObject().bytes());
    }
}
