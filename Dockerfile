# syntax=docker/dockerfile:1
# entra-sync image: build the Spring Boot jar with Maven on JDK 17, run it on a JRE 17 as user 10001.
#   docker build -t entra-sync:0.1.0 .
#   docker run -p 8080:8080 entra-sync:0.1.0            # demo: embedded H2 in /app/data

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package \
    && cp target/entra-sync-*.jar /src/app.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 entrasync \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin entrasync \
    && mkdir -p /app/data \
    && chown 10001:10001 /app/data
WORKDIR /app
COPY --from=build --chown=root:root --chmod=0444 /src/app.jar /app/app.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java","-jar","/app/app.jar"]
