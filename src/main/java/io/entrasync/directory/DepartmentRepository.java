package io.entrasync.directory;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Departments by id and by case-insensitive name. */
public interface DepartmentRepository extends JpaRepository<Department, Long> {

    Optional<Department> findByNameKey(String nameKey);

    List<Department> findAllByOrderByNameAsc();
}
