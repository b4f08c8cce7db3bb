import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface FileCstNode extends CstNode {
  name: "file";
  children: FileCstChildren;
}

export type FileCstChildren = {
  item?: ItemCstNode[];
};

export interface ItemCstNode extends CstNode {
  name: "item";
  children: ItemCstChildren;
}

export type ItemCstChildren = {
  includeDirective?: IncludeDirectiveCstNode[];
  abiRule?: AbiRuleCstNode[];
  aliasRule?: AliasRuleCstNode[];
  variableAssignment?: VariableAssignmentCstNode[];
  booleanAssignment?: BooleanAssignmentCstNode[];
  rlimitRule?: RlimitRuleCstNode[];
  conditional?: ConditionalCstNode[];
  hat?: HatCstNode[];
  childProfile?: ChildProfileCstNode[];
  pathProfile?: PathProfileCstNode[];
  prefixedRule?: PrefixedRuleCstNode[];
};

export interface IncludeDirectiveCstNode extends CstNode {
  name: "includeDirective";
  children: IncludeDirectiveCstChildren;
}

export type IncludeDirectiveCstChildren = {
  Include: IToken[];
};

export interface AbiRuleCstNode extends CstNode {
  name: "abiRule";
  children: AbiRuleCstChildren;
}

export type AbiRuleCstChildren = {
  Abi: IToken[];
  Id?: IToken[];
  Value?: IToken[];
  EndOfRule: IToken[];
};

export interface AliasRuleCstNode extends CstNode {
  name: "aliasRule";
  children: AliasRuleCstChildren;
}

export type AliasRuleCstChildren = {
  Alias: IToken[];
  from: IToken[];
  Arrow: IToken[];
  to: IToken[];
  EndOfRule: IToken[];
};

export interface AssignOpCstNode extends CstNode {
  name: "assignOp";
  children: AssignOpCstChildren;
}

export type AssignOpCstChildren = {
  Equals?: IToken[];
  AddAssign?: IToken[];
  CondAssign?: IToken[];
  OverrideAssign?: IToken[];
};

export interface VariableAssignmentCstNode extends CstNode {
  name: "variableAssignment";
  children: VariableAssignmentCstChildren;
}

export type VariableAssignmentCstChildren = {
  SetVar: IToken[];
  assignOp: AssignOpCstNode[];
  Value: IToken[];
};

export interface BooleanAssignmentCstNode extends CstNode {
  name: "booleanAssignment";
  children: BooleanAssignmentCstChildren;
}

export type BooleanAssignmentCstChildren = {
  BoolVar: IToken[];
  assignOp: AssignOpCstNode[];
  expression: ExpressionCstNode[];
};

export interface RlimitRuleCstNode extends CstNode {
  name: "rlimitRule";
  children: RlimitRuleCstChildren;
}

export type RlimitRuleCstChildren = {
  Set: IToken[];
  Rlimit: IToken[];
  resource: IToken[];
  Le: IToken[];
  Value: IToken[];
  unit?: IToken[];
  EndOfRule: IToken[];
};

export interface ConditionalCstNode extends CstNode {
  name: "conditional";
  children: ConditionalCstChildren;
}

export type ConditionalCstChildren = {
  If: IToken[];
  expression: ExpressionCstNode[];
  block: BlockCstNode[];
  Else?: IToken[];
  elseBlock?: BlockCstNode[];
  elseIf?: ConditionalCstNode[];
};

export interface BlockCstNode extends CstNode {
  name: "block";
  children: BlockCstChildren;
}

export type BlockCstChildren = {
  Open: IToken[];
  item?: ItemCstNode[];
  Close: IToken[];
};

export interface ExpressionCstNode extends CstNode {
  name: "expression";
  children: ExpressionCstChildren;
}

export type ExpressionCstChildren = {
  term: (TermCstNode)[];
  Or?: IToken[];
};

export interface TermCstNode extends CstNode {
  name: "term";
  children: TermCstChildren;
}

export type TermCstChildren = {
  notFactor: (NotFactorCstNode)[];
  And?: IToken[];
};

export interface NotFactorCstNode extends CstNode {
  name: "notFactor";
  children: NotFactorCstChildren;
}

export type NotFactorCstChildren = {
  Not?: IToken[];
  notFactor?: NotFactorCstNode[];
  factor?: FactorCstNode[];
};

export interface FactorCstNode extends CstNode {
  name: "factor";
  children: FactorCstChildren;
}

export type FactorCstChildren = {
  BoolVar?: (IToken)[];
  Defined?: IToken[];
  SetVar?: IToken[];
  OpenParen?: IToken[];
  expression?: ExpressionCstNode[];
  CloseParen?: IToken[];
  left?: IdOrVarCstNode[];
  EqOp?: IToken[];
  NeOp?: IToken[];
  In?: IToken[];
  Gt?: IToken[];
  Ge?: IToken[];
  Lt?: IToken[];
  Le?: IToken[];
  right?: IdOrVarCstNode[];
};

export interface IdOrVarCstNode extends CstNode {
  name: "idOrVar";
  children: IdOrVarCstChildren;
}

export type IdOrVarCstChildren = {
  Id?: IToken[];
  SetVar?: IToken[];
};

export interface HatCstNode extends CstNode {
  name: "hat";
  children: HatCstChildren;
}

export type HatCstChildren = {
  Caret?: IToken[];
  Hat?: IToken[];
  profileHeader: ProfileHeaderCstNode[];
};

export interface ChildProfileCstNode extends CstNode {
  name: "childProfile";
  children: ChildProfileCstChildren;
}

export type ChildProfileCstChildren = {
  Profile: IToken[];
  profileHeader: ProfileHeaderCstNode[];
};

export interface PathProfileCstNode extends CstNode {
  name: "pathProfile";
  children: PathProfileCstChildren;
}

export type PathProfileCstChildren = {
  profileHeader: ProfileHeaderCstNode[];
};

export interface ProfileHeaderCstNode extends CstNode {
  name: "profileHeader";
  children: ProfileHeaderCstChildren;
}

export type ProfileHeaderCstChildren = {
  name: IToken[];
  attachment?: IdOrVarCstNode[];
  conditionList?: ConditionListCstNode[];
  identities?: IdentitiesCstNode[];
  flags?: FlagsCstNode[];
  block: BlockCstNode[];
};

export interface IdentitiesCstNode extends CstNode {
  name: "identities";
  children: IdentitiesCstChildren;
}

export type IdentitiesCstChildren = {
  Plus: IToken[];
  Identities: IToken[];
  Equals: IToken[];
  OpenParen: IToken[];
  Value: IToken[];
  CloseParen: IToken[];
};

export interface FlagsCstNode extends CstNode {
  name: "flags";
  children: FlagsCstChildren;
}

export type FlagsCstChildren = {
  Flags?: IToken[];
  Equals?: IToken[];
  OpenParen: IToken[];
  Value: IToken[];
  CloseParen: IToken[];
};

export interface PrefixedRuleCstNode extends CstNode {
  name: "prefixedRule";
  children: PrefixedRuleCstChildren;
}

export type PrefixedRuleCstChildren = {
  prefix: PrefixCstNode[];
  block?: BlockCstNode[];
  fileRule?: FileRuleCstNode[];
  linkRule?: LinkRuleCstNode[];
  capabilityRule?: CapabilityRuleCstNode[];
  networkRule?: NetworkRuleCstNode[];
  mountRule?: MountRuleCstNode[];
  remountRule?: RemountRuleCstNode[];
  umountRule?: UmountRuleCstNode[];
  pivotRootRule?: PivotRootRuleCstNode[];
  dbusRule?: DbusRuleCstNode[];
  signalRule?: SignalRuleCstNode[];
  ptraceRule?: PtraceRuleCstNode[];
  unixRule?: UnixRuleCstNode[];
  usernsRule?: UsernsRuleCstNode[];
  mqueueRule?: MqueueRuleCstNode[];
  ioUringRule?: IoUringRuleCstNode[];
  allRule?: AllRuleCstNode[];
  changeProfileRule?: ChangeProfileRuleCstNode[];
};

export interface PrefixCstNode extends CstNode {
  name: "prefix";
  children: PrefixCstChildren;
}

export type PrefixCstChildren = {
  Priority?: IToken[];
  Equals?: IToken[];
  Value?: IToken[];
  Audit?: IToken[];
  Allow?: IToken[];
  Deny?: IToken[];
  Prompt?: IToken[];
  Owner?: IToken[];
  Other?: IToken[];
};

export interface FileRuleCstNode extends CstNode {
  name: "fileRule";
  children: FileRuleCstChildren;
}

export type FileRuleCstChildren = {
  bareFile?: IToken[];
  bareEnd?: IToken[];
  File?: IToken[];
  Safe?: IToken[];
  Unsafe?: IToken[];
  path?: IdOrVarCstNode[];
  perms?: IToken[];
  leadingPerms?: IToken[];
  Subset?: IToken[];
  leadingPath?: IdOrVarCstNode[];
  Arrow?: IToken[];
  target?: IdOrVarCstNode[];
  EndOfRule?: IToken[];
};

export interface LinkRuleCstNode extends CstNode {
  name: "linkRule";
  children: LinkRuleCstChildren;
}

export type LinkRuleCstChildren = {
  Link: IToken[];
  Subset?: IToken[];
  path: IdOrVarCstNode[];
  Arrow: IToken[];
  target: IdOrVarCstNode[];
  EndOfRule: IToken[];
};

export interface CapabilityRuleCstNode extends CstNode {
  name: "capabilityRule";
  children: CapabilityRuleCstChildren;
}

export type CapabilityRuleCstChildren = {
  Capability: IToken[];
  Id?: IToken[];
  EndOfRule: IToken[];
};

export interface NetworkRuleCstNode extends CstNode {
  name: "networkRule";
  children: NetworkRuleCstChildren;
}

export type NetworkRuleCstChildren = {
  Network: IToken[];
  access?: AccessCstNode[];
  domain?: IToken[];
  kind?: IToken[];
  condition?: ConditionCstNode[];
  conditionList?: ConditionListCstNode[];
  EndOfRule: IToken[];
};

export interface MountRuleCstNode extends CstNode {
  name: "mountRule";
  children: MountRuleCstChildren;
}

export type MountRuleCstChildren = {
  Mount: IToken[];
  condition?: ConditionCstNode[];
  source?: IToken[];
  Arrow?: IToken[];
  destConditions?: ConditionCstNode[];
  dest?: IToken[];
  EndOfRule: IToken[];
};

export interface RemountRuleCstNode extends CstNode {
  name: "remountRule";
  children: RemountRuleCstChildren;
}

export type RemountRuleCstChildren = {
  Remount: IToken[];
  condition?: ConditionCstNode[];
  mountpoint?: IToken[];
  EndOfRule: IToken[];
};

export interface UmountRuleCstNode extends CstNode {
  name: "umountRule";
  children: UmountRuleCstChildren;
}

export type UmountRuleCstChildren = {
  Umount: IToken[];
  condition?: ConditionCstNode[];
  mountpoint?: IToken[];
  EndOfRule: IToken[];
};

export interface PivotRootRuleCstNode extends CstNode {
  name: "pivotRootRule";
  children: PivotRootRuleCstChildren;
}

export type PivotRootRuleCstChildren = {
  PivotRoot: IToken[];
  condition?: ConditionCstNode[];
  newRoot?: IToken[];
  Arrow?: IToken[];
  target?: IdOrVarCstNode[];
  EndOfRule: IToken[];
};

export interface DbusRuleCstNode extends CstNode {
  name: "dbusRule";
  children: DbusRuleCstChildren;
}

export type DbusRuleCstChildren = {
  Dbus: IToken[];
  access?: AccessCstNode[];
  condition?: ConditionCstNode[];
  conditionList?: ConditionListCstNode[];
  EndOfRule: IToken[];
};

export interface SignalRuleCstNode extends CstNode {
  name: "signalRule";
  children: SignalRuleCstChildren;
}

export type SignalRuleCstChildren = {
  Signal: IToken[];
  access?: AccessCstNode[];
  condition?: ConditionCstNode[];
  EndOfRule: IToken[];
};

export interface PtraceRuleCstNode extends CstNode {
  name: "ptraceRule";
  children: PtraceRuleCstChildren;
}

export type PtraceRuleCstChildren = {
  Ptrace: IToken[];
  access?: AccessCstNode[];
  condition?: ConditionCstNode[];
  EndOfRule: IToken[];
};

export interface UnixRuleCstNode extends CstNode {
  name: "unixRule";
  children: UnixRuleCstChildren;
}

export type UnixRuleCstChildren = {
  Unix: IToken[];
  access?: AccessCstNode[];
  condition?: ConditionCstNode[];
  conditionList?: ConditionListCstNode[];
  EndOfRule: IToken[];
};

export interface UsernsRuleCstNode extends CstNode {
  name: "usernsRule";
  children: UsernsRuleCstChildren;
}

export type UsernsRuleCstChildren = {
  Userns: IToken[];
  access?: AccessCstNode[];
  condition?: ConditionCstNode[];
  EndOfRule: IToken[];
};

export interface MqueueRuleCstNode extends CstNode {
  name: "mqueueRule";
  children: MqueueRuleCstChildren;
}

export type MqueueRuleCstChildren = {
  Mqueue: IToken[];
  access?: AccessCstNode[];
  condition?: ConditionCstNode[];
  name?: IToken[];
  EndOfRule: IToken[];
};

export interface IoUringRuleCstNode extends CstNode {
  name: "ioUringRule";
  children: IoUringRuleCstChildren;
}

export type IoUringRuleCstChildren = {
  IoUring: IToken[];
  access?: AccessCstNode[];
  condition?: ConditionCstNode[];
  conditionList?: ConditionListCstNode[];
  EndOfRule: IToken[];
};

export interface AllRuleCstNode extends CstNode {
  name: "allRule";
  children: AllRuleCstChildren;
}

export type AllRuleCstChildren = {
  All: IToken[];
  EndOfRule: IToken[];
};

export interface ChangeProfileRuleCstNode extends CstNode {
  name: "changeProfileRule";
  children: ChangeProfileRuleCstChildren;
}

export type ChangeProfileRuleCstChildren = {
  ChangeProfile: IToken[];
  Safe?: IToken[];
  Unsafe?: IToken[];
  exec?: IToken[];
  Arrow?: IToken[];
  target?: IdOrVarCstNode[];
  EndOfRule: IToken[];
};

export interface AccessCstNode extends CstNode {
  name: "access";
  children: AccessCstChildren;
}

export type AccessCstChildren = {
  OpenParen?: IToken[];
  accessWord?: (AccessWordCstNode)[];
  CloseParen?: IToken[];
};

export interface AccessWordCstNode extends CstNode {
  name: "accessWord";
  children: AccessWordCstChildren;
}

export type AccessWordCstChildren = {
  Value?: IToken[];
  Mode?: IToken[];
  Create?: IToken[];
  Shutdown?: IToken[];
  Accept?: IToken[];
  Connect?: IToken[];
  Listen?: IToken[];
  Setopt?: IToken[];
  Getopt?: IToken[];
  Setattr?: IToken[];
  Getattr?: IToken[];
  Send?: IToken[];
  Receive?: IToken[];
  Bind?: IToken[];
  Read?: IToken[];
  Write?: IToken[];
  Eavesdrop?: IToken[];
  Trace?: IToken[];
  Tracedby?: IToken[];
  Readby?: IToken[];
  OpenAccess?: IToken[];
  Delete?: IToken[];
  OverrideCreds?: IToken[];
  Sqpoll?: IToken[];
};

export interface ConditionCstNode extends CstNode {
  name: "condition";
  children: ConditionCstChildren;
}

export type ConditionCstChildren = {
  CondId: IToken[];
  Equals?: IToken[];
  Value?: (IToken)[];
  OpenParen?: (IToken)[];
  CloseParen?: (IToken)[];
  In?: IToken[];
};

export interface ConditionListCstNode extends CstNode {
  name: "conditionList";
  children: ConditionListCstChildren;
}

export type ConditionListCstChildren = {
  CondListId: IToken[];
  Equals: IToken[];
  OpenParen: IToken[];
  condition?: ConditionCstNode[];
  CloseParen: IToken[];
};

export interface ICstNodeVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  file(children: FileCstChildren, param?: IN): OUT;
  item(children: ItemCstChildren, param?: IN): OUT;
  includeDirective(children: IncludeDirectiveCstChildren, param?: IN): OUT;
  abiRule(children: AbiRuleCstChildren, param?: IN): OUT;
  aliasRule(children: AliasRuleCstChildren, param?: IN): OUT;
  assignOp(children: AssignOpCstChildren, param?: IN): OUT;
  variableAssignment(children: VariableAssignmentCstChildren, param?: IN): OUT;
  booleanAssignment(children: BooleanAssignmentCstChildren, param?: IN): OUT;
  rlimitRule(children: RlimitRuleCstChildren, param?: IN): OUT;
  conditional(children: ConditionalCstChildren, param?: IN): OUT;
  block(children: BlockCstChildren, param?: IN): OUT;
  expression(children: ExpressionCstChildren, param?: IN): OUT;
  term(children: TermCstChildren, param?: IN): OUT;
  notFactor(children: NotFactorCstChildren, param?: IN): OUT;
  factor(children: FactorCstChildren, param?: IN): OUT;
  idOrVar(children: IdOrVarCstChildren, param?: IN): OUT;
  hat(children: HatCstChildren, param?: IN): OUT;
  childProfile(children: ChildProfileCstChildren, param?: IN): OUT;
  pathProfile(children: PathProfileCstChildren, param?: IN): OUT;
  profileHeader(children: ProfileHeaderCstChildren, param?: IN): OUT;
  identities(children: IdentitiesCstChildren, param?: IN): OUT;
  flags(children: FlagsCstChildren, param?: IN): OUT;
  prefixedRule(children: PrefixedRuleCstChildren, param?: IN): OUT;
  prefix(children: PrefixCstChildren, param?: IN): OUT;
  fileRule(children: FileRuleCstChildren, param?: IN): OUT;
  linkRule(children: LinkRuleCstChildren, param?: IN): OUT;
  capabilityRule(children: CapabilityRuleCstChildren, param?: IN): OUT;
  networkRule(children: NetworkRuleCstChildren, param?: IN): OUT;
  mountRule(children: MountRuleCstChildren, param?: IN): OUT;
  remountRule(children: RemountRuleCstChildren, param?: IN): OUT;
  umountRule(children: UmountRuleCstChildren, param?: IN): OUT;
  pivotRootRule(children: PivotRootRuleCstChildren, param?: IN): OUT;
  dbusRule(children: DbusRuleCstChildren, param?: IN): OUT;
  signalRule(children: SignalRuleCstChildren, param?: IN): OUT;
  ptraceRule(children: PtraceRuleCstChildren, param?: IN): OUT;
  unixRule(children: UnixRuleCstChildren, param?: IN): OUT;
  usernsRule(children: UsernsRuleCstChildren, param?: IN): OUT;
  mqueueRule(children: MqueueRuleCstChildren, param?: IN): OUT;
  ioUringRule(children: IoUringRuleCstChildren, param?: IN): OUT;
  allRule(children: AllRuleCstChildren, param?: IN): OUT;
  changeProfileRule(children: ChangeProfileRuleCstChildren, param?: IN): OUT;
  access(children: AccessCstChildren, param?: IN): OUT;
  accessWord(children: AccessWordCstChildren, param?: IN): OUT;
  condition(children: ConditionCstChildren, param?: IN): OUT;
  conditionList(children: ConditionListCstChildren, param?: IN): OUT;
}
