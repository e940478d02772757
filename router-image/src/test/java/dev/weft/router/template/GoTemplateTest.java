package dev.weft.router.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTemplateTest {

    private static final JsonNode REPORT = tree("""
            {"Ready": true, "Version": "0.1.0",
             "Router": {"Name": "8a:3e:3e:3e:3e:3e", "NickName": "host1", "Encryption": false,
                        "Targets": ["10.0.0.2", "host3:6783"], "Connections": [],
                        "Peers": [{"Name": "8a:3e:3e:3e:3e:3e", "NickName": "host1", "Connections": []}]},
             "IPAM": {"Range": "10.32.0.0/12", "RangeNumIPs": 1048576, "ActiveIPs": 3,
                      "Entries": [{"Token": "10.32.0.0", "Size": 1048576, "Nickname": "host1"}]},
             "DNS": {"Domain": "weave.local.", "TTL": 1, "Upstream": [],
                     "Entries": [{"Hostname": "a.weave.local.", "Address": "10.32.0.1", "Tombstone": 0},
                                 {"Hostname": "b.weave.local.", "Address": "10.32.0.2", "Tombstone": 5}]},
             "Labels": {"zeta": "z", "alpha": "a"}, "Html": "<b>&"}
            """);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            plain text                                         | plain text
            {{.Version}}                                       | 0.1.0
            {{.Router.Name}}({{.Router.NickName}})             | 8a:3e:3e:3e:3e:3e(host1)
            {{.Ready}} {{.Router.Encryption}}                  | true false
            {{.IPAM.RangeNumIPs}}                              | 1048576
            {{len .Router.Targets}}                            | 2
            {{len .Version}}                                   | 5
            {{range .Router.Targets}}[{{.}}]{{end}}            | [10.0.0.2][host3:6783]
            {{range $i, $t := .Router.Targets}}{{$i}}={{$t}} {{end}} | '0=10.0.0.2 1=host3:6783 '
            {{range $t := .Router.Targets}}{{$t}};{{end}}      | 10.0.0.2;host3:6783;
            {{range .Router.Connections}}x{{else}}none{{end}}  | none
            {{range .Labels}}{{.}}{{end}}                      | az
            {{range $k, $v := .Labels}}{{$k}}{{end}}           | alphazeta
            {{if .IPAM}}ipam on{{end}}                          | ipam on
            {{if .Proxy}}proxy{{else}}no proxy{{end}}           | no proxy
            {{if .Router.Encryption}}enc{{else if .Ready}}ready{{else}}neither{{end}} | ready
            {{with .IPAM}}{{.Range}}{{end}}                     | 10.32.0.0/12
            {{with .Proxy}}x{{else}}none{{end}}                 | none
            {{printf "%s has %d IPs" .IPAM.Range .IPAM.ActiveIPs}} | 10.32.0.0/12 has 3 IPs
            '{{printf "%-6s|%5d|%v" "ab" 42 .Ready}}'          | 'ab    |   42|true'
            {{printf "%q" .Version}}                           | "0.1.0"
            {{printf "%05d %x" 42 255}}                        | 00042 ff
            '{{.IPAM.Range | printf "<%s>"}}'                  | <10.32.0.0/12>
            {{json .Router.Targets}}                           | ["10.0.0.2","host3:6783"]
            {{json .Html}}                                     | "\\u003cb\\u003e\\u0026"
            {{.Router.Targets}}                                | [10.0.0.2 host3:6783]
            {{eq .Version "0.1.0"}} {{ne .DNS.TTL 1}} {{lt 1 2}} | true false true
            {{if and .Ready (eq (len .DNS.Entries) 2)}}two{{end}} | two
            {{if or .Proxy .IPAM}}some{{end}}                   | some
            {{not .Ready}}                                     | false
            {{index .Router.Targets 1}} {{index .Labels "alpha"}} | host3:6783 a
            {{$v := .Version}}v={{$v}}                         | v=0.1.0
            {{range .DNS.Entries}}{{if eq .Tombstone 0}}{{.Hostname}} {{end}}{{end}} | 'a.weave.local. '
            {{range .Router.Peers}}{{$.Version}}/{{.NickName}}{{end}} | 0.1.0/host1
            {{/* a comment */}}x                               | x
            {{print "a" 1 2 "b"}}                              | a1 2b
            {{.Missing}}                                       | <no value>
            """)
    void rendersLikeGo(String template, String expected) throws TemplateException {
        assertEquals(expected, GoTemplate.parse(template).execute(REPORT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'a  {{- .Version -}}  b'                           | a0.1.0b
            'a {{.Version -}}\n  b'                            | 'a 0.1.0b'
            'x\n{{- range .Router.Targets}}\n  {{.}}\n{{- end}}' | 'x\n  10.0.0.2\n  host3:6783'
            """)
    void trimMarkersEatAdjacentWhitespace(String template, String expected) throws TemplateException {
        String t = template.replace("\\n", "\n");
        assertEquals(expected.replace("\\n", "\n"), GoTemplate.parse(t).execute(REPORT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '{{.Version'                      | template: format:1: unclosed action
            '{{if .Ready}}x'                  | template: format:1: unexpected EOF
            '{{end}}'                         | template: format:1: unexpected {{end}}
            '{{nosuch .X}}'                   | template: format:1: function "nosuch" not defined
            '{{"abc}}'                        | template: format:1: unclosed action
            '{{}}'                            | template: format:1: missing value for command
            '{{if}}x{{end}}'                  | template: format:1: missing value for if
            '{{range}}x{{end}}'               | template: format:1: missing value for range
            'a\n{{.X | }}'                    | template: format:2: missing value for command
            """)
    void rejectsBadTemplatesWithGoStyleMessages(String template, String message) {
        TemplateException e = assertThrows(TemplateException.class,
                () -> GoTemplate.parse(template.replace("\\n", "\n")));
        assertEquals(TemplateException.Phase.PARSE, e.phase());
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '{{.Proxy.Addresses}}'        | 'template: format:1: executing "format" at <.Proxy.Addresses>: nil pointer evaluating .Addresses'
            '{{.Version.Major}}'          | 'template: format:1: executing "format" at <.Version.Major>: can''t evaluate field Major in type string'
            '{{len .Proxy}}'              | 'template: format:1: executing "format" at <len .Proxy>: error calling len: len of nil pointer'
            '{{range .Version}}{{end}}'   | 'template: format:1: executing "format" at <range .Version>: range can''t iterate over 0.1.0'
            '{{index .Router.Targets 5}}' | 'template: format:1: executing "format" at <index .Router.Targets 5>: error calling index: index out of range: 5'
            '{{lt .Version 3}}'           | 'template: format:1: executing "format" at <lt .Version 3>: error calling lt: incompatible types for comparison'
            """)
    void reportsExecutionErrors(String template, String message) throws TemplateException {
        GoTemplate parsed = GoTemplate.parse(template);
        TemplateException e = assertThrows(TemplateException.class, () -> parsed.execute(REPORT));
        assertEquals(TemplateException.Phase.EXECUTE, e.phase());
        assertEquals(message, e.getMessage());
    }

    private static JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
