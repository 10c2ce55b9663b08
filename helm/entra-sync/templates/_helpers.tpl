{{/*
Chart name, truncated to the 63 characters Kubernetes allows in a name.
*/}}
{{- define "entra-sync.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's resources: <release>-<chart>, or <release> when it already holds the chart name.
*/}}
{{- define "entra-sync.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version for the helm.sh/chart label.
*/}}
{{- define "entra-sync.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "entra-sync.labels" -}}
helm.sh/chart: {{ include "entra-sync.chart" . }}
{{ include "entra-sync.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels (stable across upgrades).
*/}}
{{- define "entra-sync.selectorLabels" -}}
app.kubernetes.io/name: {{ include "entra-sync.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
ServiceAccount name.
*/}}
{{- define "entra-sync.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "entra-sync.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Container image: repository:tag, the tag defaulting to the chart's appVersion.
*/}}
{{- define "entra-sync.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}

{{/*
Secret holding the admin token; fails when both an existing Secret and a value are given.
*/}}
{{- define "entra-sync.adminTokenSecretName" -}}
{{- if and .Values.adminToken.existingSecret .Values.adminToken.value }}
{{- fail "adminToken: set either existingSecret or value, not both" }}
{{- end }}
{{- default (printf "%s-admin-token" (include "entra-sync.fullname" .)) .Values.adminToken.existingSecret }}
{{- end }}

{{/*
Secret holding the database password.
*/}}
{{- define "entra-sync.databaseSecretName" -}}
{{- default (printf "%s-database" (include "entra-sync.fullname" .)) .Values.database.existingSecret }}
{{- end }}

{{/*
ConfigMap holding the mapping files: the existing one, or the chart's own.
*/}}
{{- define "entra-sync.mappingsConfigMapName" -}}
{{- default (printf "%s-mappings" (include "entra-sync.fullname" .)) .Values.existingMappingsConfigMap }}
{{- end }}

{{/*
Validates values that would otherwise fail only at run time.
*/}}
{{- define "entra-sync.validate" -}}
{{- if not (hasPrefix "jdbc:postgresql:" (.Values.database.url | toString)) }}
{{- fail (printf "database.url must be a jdbc:postgresql: URL (got %q): the chart runs entra-sync on PostgreSQL" (.Values.database.url | toString)) }}
{{- end }}
{{- range $file, $_ := .Values.mappings }}
{{- if not (or (hasSuffix ".yaml" $file) (hasSuffix ".yml" $file)) }}
{{- fail (printf "mappings.%s: mapping file names must end in .yaml or .yml" $file) }}
{{- end }}
{{- end }}
{{- range $i, $s := .Values.tenantSecrets }}
{{- if not (and $s.env $s.secretName $s.key) }}
{{- fail (printf "tenantSecrets[%d]: env, secretName and key are required" $i) }}
{{- end }}
{{- end }}
{{- with .Values.mspApp }}
{{- if and .clientId (not .secretName) }}
{{- fail "mspApp.secretName is required with mspApp.clientId: the Secret holding the MSP app's credential" }}
{{- end }}
{{- if and .clientId (eq (.cloud | toString) "custom") (not (and .authorityHost .graphEndpoint)) }}
{{- fail "mspApp.cloud custom needs mspApp.authorityHost and mspApp.graphEndpoint (https URLs)" }}
{{- end }}
{{- end }}
{{- range $i, $f := .Values.tenantSecretFiles }}
{{- if not (and $f.name $f.secretName) }}
{{- fail (printf "tenantSecretFiles[%d]: name and secretName are required" $i) }}
{{- end }}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$" ($f.name | toString)) }}
{{- fail (printf "tenantSecretFiles[%d].name %q must be a DNS label of at most 50 characters" $i ($f.name | toString)) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The public base URL Graph's change notifications are sent to: notifications.publicBaseUrl, else https://<ingress host>
when the webhook ingress is enabled, else empty (scheduled deltas only).
*/}}
{{- define "entra-sync.notificationsBaseUrl" -}}
{{- if .Values.notifications.publicBaseUrl -}}
{{- .Values.notifications.publicBaseUrl -}}
{{- else if and .Values.notifications.ingress.enabled .Values.notifications.ingress.host -}}
{{- printf "https://%s" .Values.notifications.ingress.host -}}
{{- end -}}
{{- end }}
