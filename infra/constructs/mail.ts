import { Stack } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  type IEmailIdentity,
  MailFromBehaviorOnMxFailure,
  Identity as SesIdentity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailProps {
  readonly stage: string;
  /** The sender address (`From`), on `domain` when there is one. */
  readonly fromAddress: string;
  /**
   * The sending domain: a domain identity with Easy DKIM and the custom MAIL FROM `bounce.<domain>`. Without it
   * (dev only), the sender is an address identity verified by a click.
   */
  readonly domain?: string;
  /**
   * Whether this stage creates the domain identity. An identity exists once per account and region: where two
   * stages share an account and a domain, one owns it and the other refers to it by name.
   * @default true
   */
  readonly ownsIdentity?: boolean;
}

/** The SES events that reach the product through EventBridge: what hurts reputation or never arrives. */
export const MAIL_FEEDBACK_EVENTS = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.RENDERING_FAILURE,
  EmailSendingEvent.DELIVERY_DELAY,
] as const;

/**
 * Outgoing mail: the sender identity and the configuration set every send names (SES_CONFIGURATION_SET). The set
 * requires TLS, keeps reputation metrics, suppresses addresses that bounced or complained (SES's account-level
 * suppression list, so a complaining manager gets no further mail), and publishes bounces, complaints, rejects and
 * delays to the default EventBridge bus (SES can target only that one), where the service stack alarms on them.
 */
export class Mail extends Construct {
  readonly identity: IEmailIdentity;
  readonly configurationSet: ConfigurationSet;
  /** The identity's name: the domain, or the sender address in dev. */
  readonly identityName: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `dealer-channel-${props.stage}`,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('Feedback', {
      configurationSetEventDestinationName: 'product-feedback',
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [...MAIL_FEEDBACK_EVENTS],
    });

    this.identityName = props.domain ?? props.fromAddress;
    if (props.domain && props.ownsIdentity === false) {
      this.identity = EmailIdentity.fromEmailIdentityName(this, 'Identity', props.domain);
    } else {
      this.identity = new EmailIdentity(this, 'Identity', {
        identity: props.domain ? SesIdentity.domain(props.domain) : SesIdentity.email(props.fromAddress),
        configurationSet: this.configurationSet,
        // Until the MAIL FROM domain's MX record exists, SES falls back to its own domain rather than dropping mail.
        ...(props.domain
          ? {
              mailFromDomain: `bounce.${props.domain}`,
              mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
              dkimSigning: true,
            }
          : {}),
      });
    }
  }

  /** `arn:…:ses:<region>:<account>:configuration-set/<name>`: SendEmail is authorized on it as well. */
  get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }
}
