package io.hireload.model;

public record Department(int id, String department) {
}
