package io.entrasync.web;

import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the request size filter (after Spring Security: unauthenticated callers get 401 first) and the limiter. */
@Configuration
class ApiLimitsConfig {

    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(ApiLimits limits) {
        FilterRegistrationBean<RequestSizeFilter> registration = new FilterRegistrationBean<>(new RequestSizeFilter(limits));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);
        return registration;
    }

    @Bean
    SyncTriggerLimiter syncTriggerLimiter(ApiLimits limits) {
        return new SyncTriggerLimiter(limits, Clock.systemUTC());
    }
}
