package io.entrasync.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A department; names are unique case-insensitively ("Sales" and "sales" are one department). */
@Entity
@Table(name = "department")
public class Department {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "department_seq")
    @SequenceGenerator(name = "department_seq", sequenceName = "department_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "name_key", nullable = false)
    private String nameKey;

    protected Department() {
    }

    public Department(String name) {
        this.name = name.trim();
        this.nameKey = Site.key(name);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    void rename(String newName) {
        this.name = newName.trim();
        this.nameKey = Site.key(newName);
    }
}
