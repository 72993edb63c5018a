package io.hireload.model;

public record TopDepartment(int id, String department, long hired) {
}
