package io.entrasync.source;

import java.util.List;

/** One page of {@code users/delta}: users added or changed, and users removed. Lists are never null. */
public record UserPage(List<DirectoryUser> users, List<RemovedObject> removed) {

    public UserPage {
        users = List.copyOf(users);
        removed = List.copyOf(removed);
    }
}
