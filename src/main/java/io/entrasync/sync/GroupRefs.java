package io.entrasync.sync;

import java.util.HashSet;
import java.util.Set;

/** The mirror's group references as the mapping engine takes them. */
final class GroupRefs {

    private GroupRefs() {
    }

    static Set<io.entrasync.mapping.GroupRef> toMapping(Set<io.entrasync.mirror.GroupRef> groups) {
        Set<io.entrasync.mapping.GroupRef> refs = new HashSet<>(groups.size() * 2);
        for (io.entrasync.mirror.GroupRef g : groups) {
            refs.add(new io.entrasync.mapping.GroupRef(g.id(), g.displayName()));
        }
        return refs;
    }
}
