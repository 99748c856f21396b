import { describe, expect, it } from 'vitest';
import { referenceCycle } from './reference-cycle.js';

describe('referenceCycle', () => {
  it('finds a cycle through Ref, Fn::GetAtt, Fn::Sub and DependsOn', () => {
    // Prepare
    const template = {
      Resources: {
        Client: { Properties: { Url: { 'Fn::GetAtt': ['Distribution', 'DomainName'] } } },
        Distribution: { Properties: { Origin: { 'Fn::Sub': '${Api}.execute-api.${AWS::Region}.amazonaws.com' } } },
        Api: { Properties: {}, DependsOn: ['Route'] },
        Route: { Properties: { AuthorizerAudience: { Ref: 'Client' } } },
      },
    };

    // Act
    const cycle = referenceCycle(template);

    // Assess
    expect(cycle).toEqual(['Client', 'Distribution', 'Api', 'Route', 'Client']);
  });

  it('finds none when references run one way, and ignores parameters and pseudo parameters', () => {
    // Prepare
    const template = {
      Resources: {
        Route: { Properties: { Api: { Ref: 'Api' }, Audience: { Ref: 'Client' }, Region: { Ref: 'AWS::Region' } } },
        Client: { Properties: { Url: { 'Fn::GetAtt': ['Distribution', 'DomainName'] } } },
        Distribution: { Properties: { Origin: { Ref: 'Api' } } },
        Api: { Properties: { Name: { Ref: 'SomeParameter' } } },
      },
    };

    // Act
    const cycle = referenceCycle(template);

    // Assess
    expect(cycle).toBeNull();
  });
});
