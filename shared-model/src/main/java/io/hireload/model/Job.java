package io.hireload.model;

public record Job(int id, String job) {
}
