-- The three tables of the data dictionary (SPEC section 2). Ids come from the source systems,
-- so they are plain integer keys, never generated here.
create table department (
    id         integer primary key check (id > 0),
    department varchar(255) not null check (btrim(department) <> '')
);

create table job (
    id  integer primary key check (id > 0),
    job varchar(255) not null check (btrim(job) <> '')
);

create table employee (
    id            integer primary key check (id > 0),
    name          varchar(255) not null check (btrim(name) <> ''),
    hire_date     timestamptz not null,
    department_id integer not null references department (id),
    job_id        integer not null references job (id)
);

-- The metrics filter by hire date and group by department and job; the foreign keys need their
-- own indexes so deleting or restoring a department or job does not scan employee.
create index employee_hire_date_idx on employee (hire_date) include (department_id, job_id);
create index employee_department_idx on employee (department_id);
create index employee_job_idx on employee (job_id);
