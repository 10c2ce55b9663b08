package io.entrasync.graph;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import okhttp3.OkHttpClient;

/**
 * Everything needed to talk to one tenant: its token provider, the Graph SDK client and the OkHttp client behind
 * it (authorization and Graph middleware, without the SDK's retry handler), and the Graph base URL.
 *
 * @param graphBaseUrl effective Graph endpoint + {@code /v1.0}
 */
record TenantClient(MsalTokenProvider tokens, GraphServiceClient graph, OkHttpClient http, String graphBaseUrl) {
}
