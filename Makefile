# hireload: the two commands a user needs are `make run` and `make test`.
# Both find a JDK 21+ on their own (JAVA_HOME if new enough, else java on PATH, else the newest
# under /usr/lib/jvm); see scripts/find-jdk.

SHELL := /bin/bash
JDK = $(shell scripts/find-jdk)
MVN = JAVA_HOME="$(JDK)" mvn -B -q
JAVA_OPTS ?=
VERSION := 0.1.0-SNAPSHOT

SERVER_JAR := server/target/hireload-server.jar
EMBEDDED_JAR := embedded/target/hireload-embedded-$(VERSION).jar
SOURCES := $(shell find pom.xml shared-model migrations embedded test-support server -path '*/target' -prune -o \( -name '*.java' -o -name '*.sql' -o -name '*.xml' -o -name '*.properties' -o -name '*.csv' \) -print 2>/dev/null)

.PHONY: run test bench soak synth jdk clean client display screenshots client-package client-package-check

jdk:
	@test -n "$(JDK)" || { scripts/find-jdk; exit 1; }

# Builds what is missing or out of date, then starts the server (embedded PostgreSQL and S3 when
# DATABASE_URL / S3_BUCKET are unset; data under HIRELOAD_DATA_DIR, default ./.hireload).
# HIRELOAD_WATCH_SECONDS=5 make run also loads files dropped into .hireload/s3/hireload/<table>/
# by themselves (the bucket watch; off by default).
# A JVM whose heap ran out cannot be trusted to finish or hand on its loads: it stops (as the image's
# does); SIGTERM or Ctrl-C stops the server first, then the embedded PostgreSQL and S3, exit status 0.
run: jdk $(SERVER_JAR)
	exec "$(JDK)/bin/java" -XX:+ExitOnOutOfMemoryError $(JAVA_OPTS) \
	  -cp "$(SERVER_JAR):server/target/libs/*:$(EMBEDDED_JAR):embedded/target/libs/*" \
	  io.hireload.embedded.LocalLauncher

$(SERVER_JAR): $(SOURCES)
	@test -n "$(JDK)" || { scripts/find-jdk; exit 1; }
	$(MVN) -DskipTests install -pl shared-model,migrations,embedded,test-support,server
	@touch $(SERVER_JAR)

# The benchmark of SPEC section 6 (docs/PERFORMANCE.md): generates its data, starts PostgreSQL
# (embedded, or DATABASE_URL: a scratch database) and S3, runs the server in its own JVM with
# -Xmx256m and prints every figure against a reference from the same run; bench-results.json.
# BENCH_RUNS=3 runs every phase three times and prints each figure's median, min and max;
# BENCH_PHASES=bulk,huge (any of memory,bulk,incremental,seed,metrics,backup,api,manyfiles,huge)
# runs only those phases; BENCH_ROWS scales the files (the huge phase loads 10x BENCH_ROWS);
# BENCH_BASELINE=old-bench-results.json says per figure whether it moved beyond noise.
# Unset, BENCH_SMALL_ROWS is BENCH_ROWS / 10 (200000).
BENCH_ROWS ?= 2000000
BENCH_SMALL_ROWS ?=
BENCH_RUNS ?= 1
BENCH_JAR := bench/target/hireload-bench.jar
BENCH_SOURCES := $(shell find bench test-support -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' \) -print 2>/dev/null)

bench: jdk $(SERVER_JAR) $(BENCH_JAR)
	"$(JDK)/bin/java" -Xmx1g -cp "$(BENCH_JAR):bench/target/libs/*" \
	  -DBENCH_ROWS=$(BENCH_ROWS) -DBENCH_SMALL_ROWS=$(BENCH_SMALL_ROWS) -DBENCH_RUNS=$(BENCH_RUNS) -DBENCH_ROOT="$(CURDIR)" \
	  io.hireload.bench.Bench

$(BENCH_JAR): $(SOURCES) $(BENCH_SOURCES)
	@test -n "$(JDK)" || { scripts/find-jdk; exit 1; }
	$(MVN) -DskipTests install -pl server,bench -am
	@touch $(BENCH_JAR) $(SERVER_JAR)

# The JavaFX admin client, pointed at the server `make run` starts (http://localhost:$SERVER_PORT,
# 8080 unless SERVER_PORT is given, e.g. SERVER_PORT=9090 make client) with the key it keeps in
# $(HIRELOAD_DATA_DIR)/admin.key (default ./.hireload) unless another was remembered.
ADMIN_JAR := admin-client/target/hireload-admin-client-$(VERSION).jar
ADMIN_SOURCES := $(shell find pom.xml shared-model admin-client -path '*/target' -prune -o \( -name '*.java' -o -name '*.xml' -o -name '*.css' \) -print 2>/dev/null)
# make screenshots writes into a new temporary directory unless SCREENSHOT_DIR names one (the
# committed images: SCREENSHOT_DIR=docs/images).
SCREENSHOT_DIR ?=
# JavaFX 21's renderer uses sun.misc.Unsafe, which JDK 23+ warns about; JDK 21/22 lack the flag.
FX_UNSAFE = $(shell "$(JDK)/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && echo --sun-misc-unsafe-memory-access=allow)

client: jdk display $(ADMIN_JAR)
	exec env $(if $(SERVER_PORT),SERVER_PORT=$(SERVER_PORT)) "$(JDK)/bin/java" $(JAVA_OPTS) $(FX_UNSAFE) \
	  --enable-native-access=javafx.graphics --module-path admin-client/target/javafx --add-modules javafx.controls \
	  -cp "$(ADMIN_JAR):admin-client/target/libs/*" io.hireload.admin.Main

# Said before a build, not after: a window needs a display.
display:
	@[ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ] || { echo "make client opens a window and needs a display (DISPLAY is unset); on a headless machine try: xvfb-run -a make client" >&2; exit 1; }

$(ADMIN_JAR): $(ADMIN_SOURCES)
	@test -n "$(JDK)" || { scripts/find-jdk; exit 1; }
	$(MVN) -DskipTests install -pl admin-client -am
	@touch $(ADMIN_JAR)

# One PNG per main view into SCREENSHOT_DIR (a new temporary directory unless given): a real
# server on the embedded defaults, the sample data and a 1M-row file (SCREENSHOT_ROWS) loaded
# through the real client, a cancelled load and the largest department's drill-down, rendered
# headless (Monocle) at 1600x1000.
SCREENSHOT_ROWS ?= 1000000
SCREENSHOTS := connect loads-sample loads-running loads cancelled-load files fix-and-resend tables metrics metrics-drill backups keys audit
screenshots: jdk
	$(MVN) -DskipTests install -pl admin-client -am
	@dir="$(SCREENSHOT_DIR)"; [ -n "$$dir" ] || dir=$$(mktemp -d -t hireload-screenshots.XXXXXX); \
	  mkdir -p "$$dir" && dir=$$(cd "$$dir" && pwd) && \
	  JAVA_HOME="$(JDK)" mvn -B -q -pl admin-client test -Dtest=ScreenshotTour -Dsurefire.failIfNoSpecifiedTests=false \
	    -Dhireload.screenshots.dir="$$dir" -Dhireload.screenshots.rows=$(SCREENSHOT_ROWS) && \
	  for shot in $(SCREENSHOTS); do ls -1 "$$dir/$$shot.png" || exit 1; done

# The admin client as operators install it: jpackage's application image (a launcher and its own
# runtime with JavaFX; no JDK, Maven or source tree needed) under admin-client/target/package/.
# On Windows PACKAGE_TYPE=msi, on macOS PACKAGE_TYPE=dmg gives an installer (see admin-client/README.md).
PACKAGE_TYPE ?= app-image
client-package: jdk $(ADMIN_JAR)
	JDK="$(JDK)" PACKAGE_TYPE=$(PACKAGE_TYPE) scripts/client-package

# The image's launcher opens the window under Xvfb with nothing on PATH (run by make test).
client-package-check: client-package
	scripts/check-client-package

# Every test of every module, then the installable client's launcher under Xvfb.
test: jdk
	JAVA_HOME="$(JDK)" mvn -B install
	$(MAKE) client-package-check

# A bounded soak on loopback: mixed loads, posts and reads for SOAK_SECONDS, then exact counts.
SOAK_SECONDS ?= 180
SOAK_SEED ?= 20211201
soak: jdk
	JAVA_HOME="$(JDK)" mvn -B -pl server -am test -Dsurefire.groups=soak -Dsurefire.excludedGroups= \
	  -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false -Dsoak.seconds=$(SOAK_SECONDS) -Dsoak.seed=$(SOAK_SEED)

# CloudFormation for the AWS deployment, offline and without credentials (see docs/DEPLOY.md).
SYNTH_OUT ?= deploy/target/cdk.out
synth: jdk
	JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 $(MVN) -pl deploy -am package -DskipTests -Psynth \
	  -Dsynth.out="$(abspath $(SYNTH_OUT))"
	@echo "templates written to $(abspath $(SYNTH_OUT))"

clean:
	JAVA_HOME="$(JDK)" mvn -B -q clean
