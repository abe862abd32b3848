{{/* The release's full name: "<release>-chaoslab-operator", or the release name if it already says so. */}}
{{- define "chaoslab-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "chaoslab-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "chaoslab-operator.labels" -}}
{{ include "chaoslab-operator.selectorLabels" . }}
app.kubernetes.io/component: operator
{{ include "chaoslab-operator.releaseLabels" . }}
{{- end -}}

{{/* The labels of the dashboards' ConfigMaps and the PrometheusRule: the release's, no selector's. */}}
{{- define "chaoslab-operator.monitoringLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: monitoring
{{ include "chaoslab-operator.releaseLabels" . }}
{{- end -}}

{{- define "chaoslab-operator.releaseLabels" -}}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: chaoslab
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "chaoslab-operator.serviceAccountName" -}}
{{- .Values.serviceAccount.name | default (include "chaoslab-operator.fullname" .) -}}
{{- end -}}

{{/* Leader election: on whenever more than one replica could reconcile at once. */}}
{{- define "chaoslab-operator.leaderElection" -}}
{{- if gt (int .Values.replicaCount) 1 }}true{{ end -}}
{{- end -}}
